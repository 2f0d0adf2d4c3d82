"""What the tests share: pilot helpers (`pilot`), the browser (`browser`), and the programs the
tests run as real subprocesses (`app_typist`, `writer`)."""
