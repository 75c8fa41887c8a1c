#include "MoodPresetEditor.h"

#include "MoodCommands.h"
#include "MoodPresetFields.h"
#include "MoodPresetService.h"
#include "SettingsStyle.h"

namespace moodboard::plugin
{
namespace
{
constexpr int gap = 10;
constexpr int captionHeight = 22;
constexpr int buttonHeight = 30;
constexpr int listRowHeight = 26;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

/** A name nobody has yet: "New preset", "New preset 2", ... */
std::string freshName (const std::vector<mood::MoodPreset>& presets)
{
    for (int n = 1;; ++n)
    {
        const auto name = n == 1 ? std::string ("New preset") : "New preset " + std::to_string (n);
        if (mood::findMoodPreset (presets, name) == nullptr)
            return name;
    }
}
} // namespace

MoodPresetEditor::MoodPresetEditor (MoodPresetService& s) : service (s)
{
    setTitle ("Moods & keys");
    edited = service.getPresets();

    settings::styleCaption (presetsCaption, "MOOD PRESETS (THE FIRST NINE HAVE KEYS)");
    addAndMakeVisible (presetsCaption);
    list.setRowHeight (listRowHeight);
    list.setTitle ("Mood presets");
    list.setColour (juce::ListBox::backgroundColourId, palette::raised);
    list.setOutlineThickness (1);
    list.setColour (juce::ListBox::outlineColourId, palette::outline);
    addAndMakeVisible (list);

    addButton.onClick = [this] { addPreset(); };
    removeButton.onClick = [this] { removePreset(); };
    upButton.onClick = [this] { movePreset (-1); };
    downButton.onClick = [this] { movePreset (1); };
    for (auto* b : { &addButton, &removeButton, &upButton, &downButton })
        addAndMakeVisible (b);

    fields = std::make_unique<MoodPresetFields>();
    fields->onChange = [this] (const mood::MoodPreset& preset)
    {
        edited[(size_t) selected] = preset;
        presetEdited();
    };
    addAndMakeVisible (*fields);

    saveButton.onClick = [this] { (void) save(); };
    revertButton.onClick = [this] { revert(); };
    addAndMakeVisible (saveButton);
    addAndMakeVisible (revertButton);
    settings::styleNote (outcomeLabel);
    addAndMakeVisible (outcomeLabel);

    settings::styleCaption (keysCaption, "KEYS");
    addAndMakeVisible (keysCaption);
    commands::registerAll (keyManager, edited);
    restoreKeys();
    keyEditor = std::make_unique<juce::KeyMappingEditorComponent> (*keyManager.getKeyMappings(),
                                                                   true);
    keyEditor->setColours (palette::raised, palette::text);
    addAndMakeVisible (*keyEditor);
    settings::styleNote (keysNote);
    keysNote.setText ("Click a key to change or remove it, + to add one. Keys are saved at once.",
                      juce::dontSendNotification);
    addAndMakeVisible (keysNote);

    const auto problems = service.getProblems();
    if (! problems.isEmpty())
        showOutcome (problems.joinIntoString ("\n"), true);

    keyManager.getKeyMappings()->addChangeListener (this);
    service.addChangeListener (this);
    list.selectRow (0);
    selectPreset (0);
}

MoodPresetEditor::~MoodPresetEditor()
{
    service.removeChangeListener (this);
    keyManager.getKeyMappings()->removeChangeListener (this);
}

void MoodPresetEditor::focusFirstField() { list.grabKeyboardFocus(); }

void MoodPresetEditor::paint (juce::Graphics& g)
{
    g.fillAll (palette::panel);

    // Where the controls are, for the GUI check, which clicks them.
    if (layoutLogged)
        return;
    layoutLogged = true;
    const auto centre = [] (const juce::Component& c)
    {
        const auto p = c.getScreenBounds().getCentre();
        return juce::String (p.x) + " " + juce::String (p.y);
    };
    settings::logUi ("moods and keys on screen: add " + centre (addButton) + " save "
                     + centre (saveButton) + " name " + centre (fields->getNameField()));
}

void MoodPresetEditor::resized()
{
    auto area = getLocalBounds().reduced (gap);
    auto left = area.removeFromLeft (juce::jmax (340, area.getWidth() * 52 / 100));
    area.removeFromLeft (gap * 2);

    presetsCaption.setBounds (left.removeFromTop (captionHeight));
    auto bottom = left.removeFromBottom (buttonHeight + 44);
    auto buttons = bottom.removeFromTop (buttonHeight);
    saveButton.setBounds (buttons.removeFromLeft (120));
    buttons.removeFromLeft (gap);
    revertButton.setBounds (buttons.removeFromLeft (110));
    outcomeLabel.setBounds (bottom.withTrimmedTop (4));

    fields->setBounds (left.removeFromBottom (MoodPresetFields::idealHeight));
    left.removeFromBottom (gap);
    auto side = left.removeFromRight (80);
    left.removeFromRight (gap);
    list.setBounds (left);
    for (auto* b : { &addButton, &removeButton, &upButton, &downButton })
    {
        b->setBounds (side.removeFromTop (buttonHeight - 2));
        side.removeFromTop (6);
    }

    keysCaption.setBounds (area.removeFromTop (captionHeight));
    keysNote.setBounds (area.removeFromBottom (36));
    keyEditor->setBounds (area);
    layoutLogged = false;
}

int MoodPresetEditor::getNumRows() { return (int) edited.size(); }

void MoodPresetEditor::paintListBoxItem (int row, juce::Graphics& g, int width, int height,
                                         bool isSelected)
{
    if (row < 0 || row >= (int) edited.size())
        return;

    const auto& preset = edited[(size_t) row];
    if (isSelected)
        g.fillAll (palette::accent.withAlpha (0.55f));

    auto area = juce::Rectangle<int> (0, 0, width, height).reduced (8, 0);
    g.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    g.setColour (palette::textDim);
    g.drawText (juce::String (row + 1), area.removeFromLeft (24), juce::Justification::centredLeft);

    juce::String key;
    if (row < commands::numMoodPresetCommands)
        if (const auto keys = keyManager.getKeyMappings()->getKeyPressesAssignedToCommand (
                commands::moodPresetCommand (row));
            ! keys.isEmpty())
            key = keys.getFirst().getTextDescriptionWithIcons();
    g.drawText (key, area.removeFromRight (70), juce::Justification::centredRight);

    const auto arc = preset.arc == mood::Arc::steady
                         ? juce::String()
                         : "  (" + juce::String (mood::toString (preset.arc)) + ")";
    g.setColour (palette::text);
    g.drawText (fromUtf8 (preset.name) + arc, area, juce::Justification::centredLeft, true);
}

void MoodPresetEditor::selectedRowsChanged (int lastRowSelected)
{
    if (lastRowSelected >= 0 && lastRowSelected != selected)
        selectPreset (lastRowSelected);
}

void MoodPresetEditor::selectPreset (int index)
{
    selected = juce::jlimit (0, (int) edited.size() - 1, index);
    if (list.getSelectedRow() != selected)
        list.selectRow (selected);
    fields->show (edited[(size_t) selected]);
    removeButton.setEnabled (edited.size() > 1);
    addButton.setEnabled (edited.size() < mood::maxMoodPresets);
    upButton.setEnabled (selected > 0);
    downButton.setEnabled (selected + 1 < (int) edited.size());
}

void MoodPresetEditor::addPreset()
{
    if (edited.size() >= mood::maxMoodPresets)
        return;
    edited.push_back ({ freshName (edited), { 0.5, 0.5 }, mood::Arc::steady, std::nullopt });
    list.updateContent();
    selectPreset ((int) edited.size() - 1);
    fields->focusName();
    presetEdited();
}

void MoodPresetEditor::removePreset()
{
    if (edited.size() <= 1)
        return;
    edited.erase (edited.begin() + selected);
    list.updateContent();
    selectPreset (juce::jmin (selected, (int) edited.size() - 1));
    presetEdited();
}

void MoodPresetEditor::movePreset (int by)
{
    const auto to = selected + by;
    if (to < 0 || to >= (int) edited.size())
        return;
    std::swap (edited[(size_t) selected], edited[(size_t) to]);
    list.updateContent();
    selectPreset (to);
    presetEdited();
}

void MoodPresetEditor::presetEdited()
{
    unsaved = true;
    list.repaint();
    // The key list names each preset as it is being edited.
    commands::registerAll (keyManager, edited);
    keyEditor->repaint();
    showOutcome ("Not saved yet: press Save presets.", false);
}

bool MoodPresetEditor::save()
{
    auto toSave = edited;
    for (auto& preset : toSave)
        preset.name = fromUtf8 (preset.name).trim().toStdString();

    if (auto saved = service.savePresets (toSave); ! saved)
    {
        showOutcome (fromUtf8 (saved.error().message), true);
        settings::logUi ("mood presets not saved: " + fromUtf8 (saved.error().message));
        return false;
    }

    // The service's change message brings the saved list back into this editor.
    unsaved = false;
    showOutcome ("Saved " + juce::String ((int) toSave.size()) + " presets in "
                     + fromUtf8 (mood::moodPresetsFile().string()) + ".",
                 false);
    settings::logUi ("mood presets saved: " + juce::String ((int) toSave.size()));
    return true;
}

void MoodPresetEditor::revert()
{
    unsaved = false;
    refreshFromService();
    showOutcome ("The stored presets are shown again.", false);
}

void MoodPresetEditor::showOutcome (const juce::String& text, bool isProblem)
{
    settings::showOutcome (outcomeLabel, text, isProblem);
}

void MoodPresetEditor::refreshFromService()
{
    edited = service.getPresets();
    commands::registerAll (keyManager, edited);
    keyEditor->repaint();
    list.updateContent();
    selectPreset (selected);
    list.repaint();
}

void MoodPresetEditor::restoreKeys()
{
    auto& keys = *keyManager.getKeyMappings();
    if (auto stored = service.getKeyMappings())
        keys.restoreFromXml (*stored);
    else
        keys.resetToDefaultMappings();
    if (const auto xml = keys.createXml (true))
        shownKeys = xml->toString();
}

void MoodPresetEditor::storeKeys()
{
    // Restoring announces a change too; only a key the user changed is stored.
    const auto xml = keyManager.getKeyMappings()->createXml (true);
    if (xml == nullptr || xml->toString() == shownKeys)
        return;
    shownKeys = xml->toString();
    if (auto stored = service.saveKeyMappings (*xml); ! stored)
        showOutcome (fromUtf8 (stored.error().message), true);
    else
        settings::logUi ("hotkeys stored");
    list.repaint();
}

void MoodPresetEditor::changeListenerCallback (juce::ChangeBroadcaster* source)
{
    if (source == keyManager.getKeyMappings())
        return storeKeys();

    // Presets or keys saved here or in another window: unsaved edits here are kept.
    if (! unsaved)
        refreshFromService();
    restoreKeys();
}

} // namespace moodboard::plugin
