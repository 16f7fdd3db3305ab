"""Every action a person takes is one function here, taking the acting user (`Actor`).

A service does, in one place and one transaction: the permission check, the write, the audit
entry, and the revision bump (`Store.transaction`). The CLI and the web app only parse their
input, call one service and render what it returns; neither writes through the store itself.
"""
