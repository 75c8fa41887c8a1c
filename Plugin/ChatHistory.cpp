#include "ChatHistory.h"

#include "MoodboardLookAndFeel.h"


namespace moodboard::plugin
{
namespace
{
constexpr float bubblePadding = 10.0f;
constexpr float gap = 10.0f;
constexpr float margin = 10.0f;

// JUCE's text layout wraps only at spaces, so a path longer than the bubble would run out of it.
// Such words get line breaks of their own, after a '/' where possible.
juce::String breakLongWords (const juce::String& text, const juce::Font& font, float maxWidth)
{
    juce::StringArray lines;
    lines.addLines (text);

    for (auto& line : lines)
    {
        juce::StringArray words;
        words.addTokens (line, " ", {});

        for (auto& word : words)
        {
            if (font.getStringWidthFloat (word) <= maxWidth)
                continue;

            juce::String wrapped, piece;

            for (auto c : word)
            {
                if (font.getStringWidthFloat (piece + juce::String::charToString (c)) > maxWidth)
                {
                    const auto slash = piece.lastIndexOfChar ('/');
                    const auto cut = slash > 0 ? slash + 1 : piece.length();
                    wrapped << piece.substring (0, cut) << "\n";
                    piece = piece.substring (cut);
                }

                piece << juce::String::charToString (c);
            }

            word = wrapped + piece;
        }

        line = words.joinIntoString (" ");
    }

    return lines.joinIntoString ("\n");
}
} // namespace

ChatHistory::ChatHistory()
{
    setAccessible (true);
    setTitle ("Conversation");
}

void ChatHistory::addMessage (Author author, const juce::String& text)
{
    messages.push_back ({ author, text });
    setSize (getWidth(), getContentHeight (getWidth()));
    repaint();
}

float ChatHistory::getMaxTextWidth (int width) const
{
    return juce::jmax (60.0f, (float) width * 0.82f - 2.0f * (bubblePadding + margin));
}

juce::TextLayout ChatHistory::layoutFor (const Message& message, float maxTextWidth) const
{
    juce::AttributedString text;
    const auto colour = message.author == Author::problem ? palette::danger : palette::text;
    const auto font = juce::Font (MoodboardLookAndFeel::bodyFontHeight);
    text.append (breakLongWords (message.text, font, maxTextWidth), font, colour);
    text.setWordWrap (juce::AttributedString::byWord);

    juce::TextLayout layout;
    layout.createLayout (text, maxTextWidth);
    return layout;
}

int ChatHistory::getContentHeight (int width) const
{
    const auto maxTextWidth = getMaxTextWidth (width);
    float height = margin;

    for (const auto& message : messages)
        height += layoutFor (message, maxTextWidth).getHeight() + 2.0f * bubblePadding + gap;

    return (int) std::ceil (height + margin);
}

void ChatHistory::paint (juce::Graphics& g)
{
    const auto maxTextWidth = getMaxTextWidth (getWidth());
    float y = margin;

    for (const auto& message : messages)
    {
        const auto layout = layoutFor (message, maxTextWidth);
        const auto textWidth = juce::jmin (layout.getWidth(), maxTextWidth);
        const auto bubbleWidth = textWidth + 2.0f * bubblePadding;
        const auto bubbleHeight = layout.getHeight() + 2.0f * bubblePadding;
        const bool fromUser = message.author == Author::user;
        const auto x = fromUser ? (float) getWidth() - margin - bubbleWidth : margin;
        const juce::Rectangle<float> bubble (x, y, bubbleWidth, bubbleHeight);

        g.setColour (fromUser ? palette::accent : palette::raised);
        g.fillRoundedRectangle (bubble, 10.0f);

        if (message.author == Author::problem)
        {
            g.setColour (palette::danger.withAlpha (0.7f));
            g.drawRoundedRectangle (bubble.reduced (0.5f), 10.0f, 1.0f);
        }

        layout.draw (g, bubble.reduced (bubblePadding));
        y += bubbleHeight + gap;
    }
}

} // namespace moodboard::plugin
