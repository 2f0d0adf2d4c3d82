"""The app's screens, one per module with its `.tcss` beside it.

`start` (sessions and the new-session form), `step` (one step of a session), `summary`,
`help`, and the modal dialogs: `export_dialog`, `confirm`, `quit`, `text_prompt`.
"""
