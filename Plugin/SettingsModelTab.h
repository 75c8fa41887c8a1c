#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace moodboard::plugin
{

/** The Language model tab of the settings: the endpoint URL, the model's name, the API key and
    "Use local rules only", saved to `language-model.json` in the config folder (Mood's
    LanguageModelConfig) and the key to the secret store, as `moodboard llm-key set` does.

    The key is never shown back, only whether one is stored; it is never logged. A URL or name
    that does not pass validation is explained under the fields and nothing is saved. When
    MOODBOARD_LLM_URL and MOODBOARD_LLM_MODEL are set they win, and the tab says so. The file
    and the keyring are written on the tab's own thread, which the destructor waits for.
    Message thread only.
*/
class SettingsModelTab final : public juce::Component
{
public:
    SettingsModelTab();
    ~SettingsModelTab() override;

    /** Called on the message thread after the settings were saved, so the chat can use them. */
    std::function<void()> onSaved;

    /** Puts the keyboard focus on the URL field. Message thread. */
    void focusFirstField();

    void resized() override;

private:
    void load();
    void save();
    void forgetKey();
    void refreshKeyStatus();
    void showSaved (const juce::String& problem);

    juce::Label environmentNote;
    juce::Label urlCaption, modelCaption, keyCaption;
    juce::TextEditor urlField, modelField, keyField;
    juce::Label keyStatus;
    juce::ToggleButton localOnly { "Use local rules only (no language model is asked)" };
    juce::TextButton saveButton { "Save" };
    juce::TextButton forgetKeyButton { "Forget stored key" };
    juce::Label outcomeLabel;
    bool fileDamaged = false;   // the file could not be read; it is kept before a write

    juce::ThreadPool pool { 1 };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsModelTab)
};

} // namespace moodboard::plugin
