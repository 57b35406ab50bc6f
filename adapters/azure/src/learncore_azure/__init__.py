"""Azure AI Speech pronunciation assessment as a learncore speech provider."""

from learncore_azure.parsing import assessment_from_json
from learncore_azure.provider import AzureSpeechProvider

__all__ = ["AzureSpeechProvider", "assessment_from_json"]
