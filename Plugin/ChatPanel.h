#pragma once

#include "ChatHistory.h"

#include <functional>

namespace moodboard::plugin
{

/** The chat side of the editor: the conversation, a row of quick mood chips, a text box and a
    Send button. Return in the text box sends, the same as the button. While a playlist is being
    built, sending is off.
*/
class ChatPanel final : public juce::Component
{
public:
    ChatPanel();

    /** Called with the trimmed text when the user sends a non-empty message; a blank one is
        cleared from the box and answered with a hint instead. Message thread. */
    std::function<void (const juce::String&)> onSend;

    /** Called with a chip's index when the user clicks it (or presses it with the keyboard).
        Message thread. */
    std::function<void (int)> onChip;

    /** Shows one chip per label above the text box, in up to two rows; as many as fit.
        Message thread. */
    void setChips (const juce::StringArray& labels);

    /** Adds a message to the conversation and scrolls to it. Message thread. */
    void addMessage (ChatHistory::Author author, const juce::String& text);

    /** Turns sending off while a request is answered, and shows that work is going on.
        Message thread. */
    void setBusy (bool isBusy);

    /** The conversation shown. Message thread. */
    [[nodiscard]] const ChatHistory& getHistory() const { return history; }

    /** The text box, for keyboard focus and shortcuts. Message thread. */
    [[nodiscard]] juce::TextEditor& getInput() { return input; }

    void paint (juce::Graphics&) override;
    void resized() override;

private:
    void send();
    void layoutHistory();

    juce::Label title;
    juce::Viewport viewport;
    ChatHistory history;
    juce::TextEditor input;
    juce::TextButton sendButton { "Send" };
    juce::OwnedArray<juce::TextButton> chips;
    bool busy = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (ChatPanel)
};

} // namespace moodboard::plugin
