#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

#include <vector>

namespace moodboard::plugin
{

/** The conversation so far, drawn as speech bubbles: the user's requests on the right, the
    replies on the left. It sizes itself to its content; ChatPanel shows it in a viewport.
*/
class ChatHistory final : public juce::Component
{
public:
    enum class Author
    {
        user,
        moodboard,
        problem   // a reply that says something went wrong
    };

    ChatHistory();

    /** Appends a message and grows to fit it. Message thread. */
    void addMessage (Author author, const juce::String& text);

    /** The newest message's text, empty when there is none. Message thread. */
    [[nodiscard]] juce::String getLastMessage() const
    {
        return messages.empty() ? juce::String() : messages.back().text;
    }

    /** How many messages are shown. Message thread. */
    [[nodiscard]] int getNumMessages() const { return (int) messages.size(); }

    /** The height all messages need at `width`. Message thread. */
    [[nodiscard]] int getContentHeight (int width) const;

    void paint (juce::Graphics&) override;

private:
    struct Message
    {
        Author author;
        juce::String text;
    };

    [[nodiscard]] juce::TextLayout layoutFor (const Message&, float maxTextWidth) const;
    [[nodiscard]] float getMaxTextWidth (int width) const;

    std::vector<Message> messages;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (ChatHistory)
};

} // namespace moodboard::plugin
