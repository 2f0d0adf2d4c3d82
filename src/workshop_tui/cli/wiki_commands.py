"""The commands between sessions: `publish` a session to a wiki page, `pull` a page into a session.

The password is read from `$WORKSHOP_TUI_WIKI_PASSWORD` only (a bot password, never an
argument, never printed). Before saving, `publish` prints the diff of the page and asks; with
no terminal to ask on and no `--yes`, it saves nothing and says why.
"""

from __future__ import annotations

import argparse
import os
import sys

from workshop_tui import APP_NAME
from workshop_tui.cli.common import CommandError, load_templates, open_store_for, template_for, write_stdout
from workshop_tui.i18n import _, ngettext

EXIT_DECLINED = 1


def add_parsers(commands) -> None:
    publish = commands.add_parser(
        "publish", help=_("publish a session's summary table to a wiki page (shows the diff, then asks)"),
        description=_("Publish a session to a MediaWiki page. The bot password comes from the environment "
        "variable WORKSHOP_TUI_WIKI_PASSWORD (make one at Special:BotPasswords)."))
    publish.add_argument("session", metavar="SESSION")
    publish.add_argument("--wiki", required=True, metavar="API_URL",
                         help=_("the wiki's api.php address, e.g. https://meta.wikimedia.org/w/api.php"))
    publish.add_argument("--page", required=True, metavar="TITLE", help=_("the page's title"))
    publish.add_argument("--user", metavar="NAME", help=_("the bot password's user name, YourName@BotName"))
    publish.add_argument("--summary", metavar="TEXT", help=_("the edit summary (one is made if left out)"))
    publish.add_argument("--yes", action="store_true", help=_("save without asking (the diff is still printed)"))

    pull = commands.add_parser("pull", help=_("import a wiki page's summary table as a new session"))
    pull.add_argument("--wiki", required=True, metavar="API_URL", help=_("the wiki's api.php address"))
    pull.add_argument("--page", required=True, metavar="TITLE", help=_("the page's title"))
    pull.add_argument("--title", default=None, metavar="T", help=_("the new session's title (default: the page's)"))
    pull.add_argument("--user", metavar="NAME", help=_("log in first (a private wiki); the password as for publish"))


def cmd_publish(args: argparse.Namespace) -> int:
    from workshop_tui.wiki import PASSWORD_ENV
    from workshop_tui.wiki.client import connect
    from workshop_tui.wiki.page import diff_counts
    from workshop_tui.wiki.publish import default_summary, plan_publish, save_plan

    if not args.user:
        raise CommandError(_("publishing needs --user YourName@BotName: the user name of a bot password "
                             "(Special:BotPasswords on the wiki)"))
    password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        raise CommandError(_("put the bot password for {user} in the environment variable {variable}; "
                             "nothing was saved").format(user=args.user, variable=PASSWORD_ENV))
    catalog = load_templates()
    with open_store_for(args) as store:
        data = store.session_data(store.find_session(args.session).id)
    template = template_for(catalog, data.info)
    client = connect(args.wiki, user=args.user, password=password, notify=_say)
    plan = plan_publish(client, args.page, data, template, catalog)
    where = _("{page} on {wiki}").format(page=plan.page.title, wiki=client.name or client.api_url)
    if not plan.changes:
        print(_("{where} already holds this session (revision {revision}): nothing to publish").format(
            where=where, revision=plan.page.revid), file=sys.stderr)
        return 0
    _print_diff(plan.diff)
    added, removed = diff_counts(list(plan.diff))
    print(ngettext("{what} {where}: {added} line added, {removed} removed",
                   "{what} {where}: {added} lines added, {removed} removed", added).format(
        what=_what(plan.mode), where=where, added=added, removed=removed), file=sys.stderr)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(_("nothing was saved: there is no terminal to confirm the change on; "
                                 "read the diff above and run again with --yes to publish it"))
        if not _ask(_("Save this to {where}? [y/N] ").format(where=where)):
            print(_("nothing was saved"), file=sys.stderr)
            return EXIT_DECLINED
    result = save_plan(client, plan, summary=args.summary or default_summary(data))
    print(_("published {page}: revision {revision}").format(page=result.title, revision=result.revid),
          file=sys.stderr)
    print(result.url or result.title)
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from workshop_tui.wiki import PASSWORD_ENV
    from workshop_tui.wiki.client import connect
    from workshop_tui.wiki.pull import pull_page

    catalog = load_templates()
    password = os.environ.get(PASSWORD_ENV, "") if args.user else None
    client = connect(args.wiki, user=args.user, password=password, notify=_say)
    data, page = pull_page(client, args.page, catalog)
    with open_store_for(args) as store:
        info = store.import_session(data, title=args.title)
    print(info.id)
    print(ngettext("pulled {count} item from {page} (revision {revision}) into session {id} '{title}'",
                   "pulled {count} items from {page} (revision {revision}) into session {id} '{title}'",
                   info.item_count).format(count=info.item_count, page=page.title, revision=page.revid,
                                           id=info.id, title=info.title), file=sys.stderr)
    return 0


def _what(mode: str) -> str:
    from workshop_tui.wiki.page import CREATE, PAGE, TABLE

    return {CREATE: _("creates"), TABLE: _("replaces only the summary table of"),
            PAGE: _("replaces the whole text of")}[mode]


def _print_diff(diff) -> None:
    from workshop_tui.text import clean_text

    lines = [clean_text(line).replace("\n", " ") for line in diff]  # a wiki's text is data too
    if not sys.stdout.isatty():
        write_stdout("\n".join(lines) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for line in lines:
        style = "bold" if line.startswith(("+++", "---")) else "green" if line.startswith("+") else \
            "red" if line.startswith("-") else "cyan" if line.startswith("@@") else ""
        console.print(Text(line, style=style))


def _ask(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes", _("y"), _("yes"))


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr)
