#include "SettingsPage.h"

#include "MoodboardServices.h"
#include "SettingsAccountTab.h"
#include "SettingsLibraryTab.h"
#include "SettingsModelTab.h"
#include "SettingsMoodsTab.h"
#include "SettingsStyle.h"

namespace moodboard::plugin
{
namespace
{
constexpr int cardWidth = 780;
constexpr int cardHeight = 600;

} // namespace

/** The tab strip and the four pages; the page shown gets the keyboard focus. */
class SettingsPage::Tabs final : public juce::TabbedComponent
{
public:
    Tabs (MoodboardServices& services, audio::MidiPresetMap* midiMap)
        : juce::TabbedComponent (juce::TabbedButtonBar::TabsAtTop)
    {
        setTabBarDepth (36);
        setOutline (0);
        setColour (backgroundColourId, palette::panel);

        library = new SettingsLibraryTab (services.library);
        model = new SettingsModelTab();
        model->onSaved = [&services] { services.suggestions.languageModelChanged(); };
        account = new SettingsAccountTab (services.account);

        addTab ("Library", palette::panel, library, true);
        addTab ("Language model", palette::panel, model, true);
        addTab ("Account", palette::panel, account, true);
        moods = new SettingsMoodsTab (services.moodPresets, midiMap);
        addTab ("Moods & keys", palette::panel, moods, true);
        getTabbedButtonBar().setTitle ("Settings tabs");
    }

    void focusShownPage()
    {
        switch (getCurrentTabIndex())
        {
            case 0: library->focusFirstField(); break;
            case 1: model->focusFirstField(); break;
            case 2: account->focusFirstField(); break;
            default: moods->focusFirstField(); break;
        }
    }

    void currentTabChanged (int index, const juce::String& name) override
    {
        settings::logUi ("settings tab shown: " + name);
        if (index >= 0 && isShowing())
            focusShownPage();
    }

private:
    SettingsLibraryTab* library = nullptr;   // owned by the tabbed component
    SettingsModelTab* model = nullptr;
    SettingsAccountTab* account = nullptr;

public:
    SettingsMoodsTab* moods = nullptr;
};

SettingsPage::SettingsPage (MoodboardServices& services, audio::MidiPresetMap* midiMap)
    : OverlayCard (cardWidth, cardHeight)
{
    setTitle ("Settings");
    setWantsKeyboardFocus (true);
    setFocusContainerType (FocusContainerType::keyboardFocusContainer);

    heading.setText ("Settings", juce::dontSendNotification);
    heading.setFont (juce::Font (MoodboardLookAndFeel::titleFontHeight, juce::Font::bold));
    addAndMakeVisible (heading);

    tabs = std::make_unique<Tabs> (services, midiMap);
    addAndMakeVisible (*tabs);

    // A text field keeps Escape for itself; in this page Escape closes from anywhere.
    std::function<void (juce::Component&)> closeOnEscape = [&] (juce::Component& parent)
    {
        for (auto* child : parent.getChildren())
        {
            if (auto* field = dynamic_cast<juce::TextEditor*> (child);
                field != nullptr && field->onEscapeKey == nullptr)
                field->onEscapeKey = [this] { close(); };
            closeOnEscape (*child);
        }
    };
    for (int i = 0; i < tabs->getNumTabs(); ++i)
        if (auto* page = tabs->getTabContentComponent (i))
            closeOnEscape (*page);

    closeButton.onClick = [this] { close(); };
    addAndMakeVisible (closeButton);

    hintLabel.setText ("Escape closes; Ctrl+Tab and Ctrl+Shift+Tab switch tabs",
                       juce::dontSendNotification);
    settings::styleNote (hintLabel);
    addAndMakeVisible (hintLabel);
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::showTab (Tab tab)
{
    const auto index = (int) tab;
    if (tabs->getCurrentTabIndex() != index)
        tabs->setCurrentTabIndex (index);
    tabs->focusShownPage();
}

SettingsPage::Tab SettingsPage::getShownTab() const
{
    return (Tab) juce::jlimit (0, 3, tabs->getCurrentTabIndex());
}

void SettingsPage::close()
{
    // Preset edits wait for their Save button; the first close only says so.
    if (tabs->moods->hasUnsavedChanges() && ! warnedAboutPresets)
    {
        warnedAboutPresets = true;
        showTab (Tab::moods);
        settings::showOutcome (hintLabel, "The preset edits are not saved: press Save, or close "
                                          "again to drop them.", true);
        settings::logUi ("settings: unsaved preset edits named before closing");
        return;
    }

    if (onClose != nullptr)
        onClose();
}

bool SettingsPage::keyPressed (const juce::KeyPress& key)
{
    if (key == juce::KeyPress::escapeKey)
    {
        close();
        return true;
    }

    if (key.getKeyCode() == juce::KeyPress::tabKey && key.getModifiers().isCtrlDown())
    {
        const auto step = key.getModifiers().isShiftDown() ? 3 : 1;
        showTab ((Tab) ((tabs->getCurrentTabIndex() + step) % 4));
        return true;
    }

    if (key.getKeyCode() == juce::KeyPress::tabKey && ! key.getModifiers().isCommandDown())
    {
        // Tab moves through the card only: the page is a focus container.
        if (auto* focused = juce::Component::getCurrentlyFocusedComponent();
            focused != nullptr && isParentOf (focused))
            focused->moveKeyboardFocusToSibling (! key.getModifiers().isShiftDown());
        else
            tabs->focusShownPage();
        return true;
    }

    // Nothing typed here may reach the editor underneath.
    return true;
}

void SettingsPage::mouseDown (const juce::MouseEvent& event)
{
    // A click on the dimmed editor beside the card closes the page, as Escape does.
    if (! getCardBounds().contains (event.getPosition()))
        close();
}

void SettingsPage::resized()
{
    auto area = getCardBounds().reduced (20, 16);

    auto top = area.removeFromTop (32);
    closeButton.setBounds (top.removeFromRight (100).withSizeKeepingCentre (100, 32));
    heading.setBounds (top);
    area.removeFromTop (6);

    hintLabel.setBounds (area.removeFromBottom (20));
    area.removeFromBottom (4);
    tabs->setBounds (area);
}

} // namespace moodboard::plugin
