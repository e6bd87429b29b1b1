"""The VoIPstudio History API client: the only code in the product that speaks HTTP to it.

One module per resource (`cdrs`, `monitors`, `voicemessages`, `chats`, `msdrs`, `misc`, `auth`)
over the one requester in `transport`. Views never use this package directly; they call
`history.services`, which adds caching on top.
"""
