"""Call recordings ("monitors"): list, one record, its MP3, delete some or all."""

from __future__ import annotations

from sandbox.recordings import monitor_audio
from sandbox.resources import MONITORS
from sandbox.views.base import ResourceHandlers, endpoint
from sandbox.views.files import mp3_handler

handlers = ResourceHandlers(MONITORS)

collection = endpoint(GET=handlers.list, DELETE=handlers.delete_all)
item = endpoint(GET=handlers.get, DELETE=handlers.delete)
mp3 = endpoint(GET=mp3_handler(MONITORS, monitor_audio))
