"""Real files for the sandbox: MP3 recordings, SIP dialogs and the PCAP files that carry them.

Pure functions of their inputs (no database), so the HTTP views can build a file on demand and
the same record always yields the same bytes.
"""

from sandbox.files.mp3 import MAX_RECORDING_SECONDS, recording_mp3, recording_size
from sandbox.files.pcap import pcap_for_messages
from sandbox.files.sip import SipMessage, dialog_for_call

__all__ = [
    "MAX_RECORDING_SECONDS",
    "SipMessage",
    "dialog_for_call",
    "pcap_for_messages",
    "recording_mp3",
    "recording_size",
]
