"""OpenAI speech-to-text as a learncore speech provider (transcribe, then text-diff)."""

from learncore_openai.parsing import transcript_from_payload
from learncore_openai.provider import OpenAISpeechProvider

__all__ = ["OpenAISpeechProvider", "transcript_from_payload"]
