"""The language server: `thanklint lsp` (pygls, stdio).

    server.py    the LanguageServer subclass and its handlers (a few lines each)
    checker.py   config, Linter and vocabulary per document, in the CLI's terms
    engines.py   grammar engines shared by every Linter: Harper at once, LanguageTool
                 started once in a long-lived thread and swapped in when it answers
    convert.py   Finding → Diagnostic, ranges in the client's position encoding,
                 code actions, hover text, the score line

Only this package imports pygls and lsprotocol.
"""
