#pragma once

#include "OverlayCard.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>
#include <memory>

namespace moodboard::audio
{
class MidiPresetMap;
}

namespace moodboard::plugin
{

struct MoodboardServices;

/** The settings, as a modal page over the whole editor: a card with four tabs (Library, Language
    model, Account, Moods & keys) and a Close button. What each tab changes is stored in the
    config folder by the service or core code behind it; the page itself keeps nothing.

    Keyboard: Escape closes (once more when preset edits are not saved yet), Tab moves through
    the fields and buttons of the card, Ctrl+Tab and Ctrl+Shift+Tab switch tabs. Message thread
    only.
*/
class SettingsPage final : public OverlayCard
{
public:
    enum class Tab
    {
        library,
        languageModel,
        account,
        moods
    };

    /** `midiMap` is the processor's MIDI preset map in a host, nullptr in the standalone app
        (which has no MIDI learn). The services and the map must outlive the page. */
    SettingsPage (MoodboardServices& services, audio::MidiPresetMap* midiMap);
    ~SettingsPage() override;

    /** Called when the user closes the page (Escape, Close or a click beside the card). */
    std::function<void()> onClose;

    /** Shows one tab and gives its first field the keyboard focus. Message thread. */
    void showTab (Tab tab);

    /** The tab shown now. Message thread. */
    [[nodiscard]] Tab getShownTab() const;

    void resized() override;
    bool keyPressed (const juce::KeyPress&) override;
    void mouseDown (const juce::MouseEvent&) override;

private:
    class Tabs;

    void close();

    juce::Label heading;
    std::unique_ptr<Tabs> tabs;
    juce::TextButton closeButton { "Close" };
    juce::Label hintLabel;
    bool warnedAboutPresets = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsPage)
};

} // namespace moodboard::plugin
