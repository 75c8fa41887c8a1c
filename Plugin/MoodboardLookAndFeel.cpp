#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin
{

MoodboardLookAndFeel::MoodboardLookAndFeel()
{
    using namespace palette;

    setColourScheme ({ background, panel, raised, outline, text, accent, juce::Colours::white,
                       raised, text });

    setColour (juce::ResizableWindow::backgroundColourId, background);
    setColour (juce::DocumentWindow::textColourId, text);

    setColour (juce::TextButton::buttonColourId, raised);
    setColour (juce::TextButton::buttonOnColourId, accent);
    setColour (juce::TextButton::textColourOffId, text);
    setColour (juce::TextButton::textColourOnId, juce::Colours::white);

    setColour (juce::Label::textColourId, text);
    setColour (juce::Label::backgroundColourId, juce::Colours::transparentBlack);

    setColour (juce::TextEditor::backgroundColourId, raised);
    setColour (juce::TextEditor::textColourId, text);
    setColour (juce::TextEditor::outlineColourId, outline);
    setColour (juce::TextEditor::focusedOutlineColourId, accentBright);
    setColour (juce::TextEditor::highlightColourId, accent.withAlpha (0.6f));
    setColour (juce::TextEditor::highlightedTextColourId, juce::Colours::white);
    setColour (juce::CaretComponent::caretColourId, accentBright);

    setColour (juce::ProgressBar::backgroundColourId, raised);
    setColour (juce::ProgressBar::foregroundColourId, accent);

    setColour (juce::ListBox::backgroundColourId, panel);
    setColour (juce::ListBox::outlineColourId, outline);
    setColour (juce::ListBox::textColourId, text);
    setColour (juce::TableHeaderComponent::textColourId, textDim);
    setColour (juce::TableHeaderComponent::backgroundColourId, panel);
    setColour (juce::TableHeaderComponent::outlineColourId, outline);
    setColour (juce::TableHeaderComponent::highlightColourId, raised);

    setColour (juce::ScrollBar::thumbColourId, outline.brighter (0.3f));
    setColour (juce::ScrollBar::trackColourId, juce::Colours::transparentBlack);

    setColour (juce::AlertWindow::backgroundColourId, panel);
    setColour (juce::AlertWindow::textColourId, text);
    setColour (juce::AlertWindow::outlineColourId, outline);

    setColour (juce::DirectoryContentsDisplayComponent::highlightColourId, accent);
    setColour (juce::DirectoryContentsDisplayComponent::textColourId, text);
    setColour (juce::FileBrowserComponent::currentPathBoxBackgroundColourId, raised);
    setColour (juce::FileBrowserComponent::currentPathBoxTextColourId, text);
    setColour (juce::FileBrowserComponent::filenameBoxBackgroundColourId, raised);
    setColour (juce::FileBrowserComponent::filenameBoxTextColourId, text);
}

juce::Font MoodboardLookAndFeel::getTextButtonFont (juce::TextButton&, int buttonHeight)
{
    return juce::Font (juce::jmin (bodyFontHeight, (float) buttonHeight * 0.55f));
}

juce::Font MoodboardLookAndFeel::getLabelFont (juce::Label& label)
{
    return label.getFont();
}

void MoodboardLookAndFeel::drawButtonBackground (juce::Graphics& g, juce::Button& button,
                                                 const juce::Colour& background, bool isHighlighted,
                                                 bool isDown)
{
    const auto bounds = button.getLocalBounds().toFloat().reduced (1.0f);
    auto fill = button.getToggleState() ? button.findColour (juce::TextButton::buttonOnColourId)
                                        : background;

    if (! button.isEnabled())
        fill = fill.withMultipliedSaturation (0.3f).withMultipliedAlpha (0.45f);
    else if (isDown)
        fill = fill.darker (0.25f);
    else if (isHighlighted)
        fill = fill.brighter (0.12f);

    g.setColour (fill);
    g.fillRoundedRectangle (bounds, cornerRadius);

    if (button.hasKeyboardFocus (false))
    {
        g.setColour (palette::accentBright);
        g.drawRoundedRectangle (bounds.reduced (0.5f), cornerRadius, 2.0f);
    }
    else
    {
        g.setColour (palette::outline.withAlpha (button.isEnabled() ? 1.0f : 0.5f));
        g.drawRoundedRectangle (bounds, cornerRadius, 1.0f);
    }
}

void MoodboardLookAndFeel::fillTextEditorBackground (juce::Graphics& g, int width, int height,
                                                     juce::TextEditor& editor)
{
    g.setColour (editor.findColour (juce::TextEditor::backgroundColourId));
    g.fillRoundedRectangle (juce::Rectangle<float> ((float) width, (float) height).reduced (0.5f),
                            cornerRadius);
}

void MoodboardLookAndFeel::drawTextEditorOutline (juce::Graphics& g, int width, int height,
                                                  juce::TextEditor& editor)
{
    if (! editor.isEnabled())
        return;

    const bool focused = editor.hasKeyboardFocus (true) && ! editor.isReadOnly();
    g.setColour (editor.findColour (focused ? juce::TextEditor::focusedOutlineColourId
                                            : juce::TextEditor::outlineColourId));
    g.drawRoundedRectangle (juce::Rectangle<float> ((float) width, (float) height).reduced (1.0f),
                            cornerRadius, focused ? 2.0f : 1.0f);
}

void MoodboardLookAndFeel::drawProgressBar (juce::Graphics& g, juce::ProgressBar& bar, int width,
                                            int height, double progress,
                                            const juce::String& textToShow)
{
    const auto bounds = juce::Rectangle<float> ((float) width, (float) height);
    const auto radius = juce::jmin (cornerRadius, (float) height * 0.5f);

    g.setColour (bar.findColour (juce::ProgressBar::backgroundColourId));
    g.fillRoundedRectangle (bounds, radius);

    if (progress >= 0.0 && progress <= 1.0)
    {
        g.setColour (bar.findColour (juce::ProgressBar::foregroundColourId));
        const auto filled = juce::jmax (2.0f * radius, (float) progress * bounds.getWidth());
        g.fillRoundedRectangle (bounds.withWidth (filled), radius);
    }
    else
    {
        // Unknown length: a band sweeps across while the scan counts files.
        const auto phase = (float) std::fmod (juce::Time::getMillisecondCounter() / 1200.0, 1.0);
        const auto band = bounds.getWidth() * 0.25f;
        g.setColour (bar.findColour (juce::ProgressBar::foregroundColourId).withAlpha (0.7f));
        g.fillRoundedRectangle (bounds.withX (phase * (bounds.getWidth() + band) - band)
                                    .withWidth (band).getIntersection (bounds), radius);
    }

    if (textToShow.isNotEmpty())
    {
        g.setColour (palette::text);
        g.setFont (smallFontHeight);
        g.drawText (textToShow, bounds.reduced (8.0f, 0.0f), juce::Justification::centred, true);
    }
}

void MoodboardLookAndFeel::drawTableHeaderBackground (juce::Graphics& g,
                                                      juce::TableHeaderComponent& header)
{
    g.fillAll (palette::panel);
    g.setColour (palette::outline);
    g.fillRect (0, header.getHeight() - 1, header.getWidth(), 1);
}

void MoodboardLookAndFeel::drawTableHeaderColumn (juce::Graphics& g, juce::TableHeaderComponent&,
                                                  const juce::String& columnName, int, int width,
                                                  int height, bool isMouseOver, bool, int)
{
    if (isMouseOver)
        g.fillAll (palette::raised);

    g.setColour (palette::textDim);
    g.setFont (juce::Font (smallFontHeight, juce::Font::bold));
    g.drawFittedText (columnName.toUpperCase(), 8, 0, width - 12, height,
                      juce::Justification::centredLeft, 1, 0.9f);
}

void MoodboardLookAndFeel::drawScrollbar (juce::Graphics& g, juce::ScrollBar& bar, int x, int y,
                                          int width, int height, bool isScrollbarVertical,
                                          int thumbStartPosition, int thumbSize, bool isMouseOver,
                                          bool isMouseDown)
{
    const auto thumb = isScrollbarVertical
                           ? juce::Rectangle<int> (x, thumbStartPosition, width, thumbSize)
                           : juce::Rectangle<int> (thumbStartPosition, y, thumbSize, height);
    auto colour = bar.findColour (juce::ScrollBar::thumbColourId);

    if (isMouseOver || isMouseDown)
        colour = colour.brighter (0.3f);

    g.setColour (colour);
    g.fillRoundedRectangle (thumb.reduced (2).toFloat(), 3.0f);
}

} // namespace moodboard::plugin
