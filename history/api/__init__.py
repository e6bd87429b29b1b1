"""The VoIPstudio History API client: the only code in the product that speaks HTTP to it.

One module per resource (`cdrs`, `monitors`, `voicemessages`, `chats`, `msdrs`, `misc`, `auth`)
over the one requester in `transport`. Private to `history/`: everything else calls
`history.services`, which adds caching on top and re-exports the records, errors and query
types its callers need.
"""
