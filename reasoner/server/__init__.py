"""`reasoner serve`: the engine as an HTTP service (FastAPI on uvicorn).

``settings`` (standard library only, read by the CLI parser), ``auth`` (bearer tokens
to groups), ``limits`` (body size, question length, concurrency, time), ``schemas``
(request bodies, the Answer as JSON), ``chat`` (the OpenAI chat-completions shape),
``sse`` (server-sent events), ``engines`` (the Reasoner a worker serves, re-indexing,
the one call that carries the caller's groups), ``app`` (the app factory) and ``run``
(uvicorn with N worker processes). Nothing here is imported by ``reasoner --help``
except ``settings``.
"""
