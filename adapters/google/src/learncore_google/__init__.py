"""Google Cloud Speech-to-Text as a learncore speech provider (transcribe, then text-diff)."""

from learncore_google.parsing import transcript_from_response
from learncore_google.provider import GoogleSpeechProvider

__all__ = ["GoogleSpeechProvider", "transcript_from_response"]
