#pragma once

#include "Assistant/Assistant.h"

#include <string>

namespace moodboard::assistant
{

/** One plain sentence for the chat when a configured language model could not be used: the
    reason (the host that could not be reached, the HTTP status, the timeout; never a key or a
    token, and masked again here in case one slipped in) and that the local rules read the mood
    instead, or answered instead when the message asked for no playlist. Empty when the reply
    says nothing went wrong. The shells show it above the reply; the log keeps the same reason.
    Any thread. */
[[nodiscard]] std::string describeModelFallback (const AssistantReply& reply);

} // namespace moodboard::assistant
