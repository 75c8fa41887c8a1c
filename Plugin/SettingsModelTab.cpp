#include "SettingsModelTab.h"

#include "SettingsStyle.h"

#include "Auth/SecretStore.h"
#include "Core/SettingsFile.h"
#include "Mood/LanguageModelConfig.h"

#include <cstdlib>

namespace moodboard::plugin
{
namespace
{
constexpr int fieldHeight = 34;
constexpr int stopTimeoutMs = 10000;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

bool isSet (const char* name)
{
    const char* value = std::getenv (name);
    return value != nullptr && *value != '\0';
}

juce::String describeEnvironment()
{
    juce::String note;
    const auto url = isSet ("MOODBOARD_LLM_URL");
    const auto model = isSet ("MOODBOARD_LLM_MODEL");

    if (url && model)
        note << "MOODBOARD_LLM_URL and MOODBOARD_LLM_MODEL are set in the environment: they win "
                "over the address and model here until they are unset (local rules only still "
                "means no model is asked).";
    else if (url || model)
        note << (url ? "MOODBOARD_LLM_URL" : "MOODBOARD_LLM_MODEL")
             << " is set in the environment without "
             << (url ? "MOODBOARD_LLM_MODEL" : "MOODBOARD_LLM_URL")
             << ", so the environment names no model and the settings here are used.";

    if (isSet ("MOODBOARD_LLM_API_KEY"))
        note << (note.isEmpty() ? "" : " ")
             << "MOODBOARD_LLM_API_KEY is set in the environment: it wins over a stored key.";
    return note;
}
} // namespace

SettingsModelTab::SettingsModelTab()
{
    setFocusContainerType (FocusContainerType::focusContainer);

    settings::styleNote (environmentNote);
    environmentNote.setColour (juce::Label::textColourId, palette::warm);
    environmentNote.setText (describeEnvironment(), juce::dontSendNotification);
    addAndMakeVisible (environmentNote);

    settings::styleCaption (urlCaption, "ENDPOINT (OPENAI-COMPATIBLE, HTTP OR HTTPS)");
    addAndMakeVisible (urlCaption);
    settings::styleField (urlField, "Language model endpoint URL", "http://127.0.0.1:8080/v1");
    urlField.onReturnKey = [this] { save(); };
    addAndMakeVisible (urlField);

    settings::styleCaption (modelCaption, "MODEL NAME");
    addAndMakeVisible (modelCaption);
    settings::styleField (modelField, "Model name", "for example qwen2.5 or gpt-4o-mini");
    modelField.onReturnKey = [this] { save(); };
    addAndMakeVisible (modelField);

    settings::styleCaption (keyCaption, "API KEY (IN YOUR KEYRING OR A PRIVATE FILE, NEVER SHOWN)");
    addAndMakeVisible (keyCaption);
    settings::styleField (keyField, "API key", "leave empty to keep the stored key");
    keyField.setPasswordCharacter ((juce::juce_wchar) 0x2022);
    keyField.onReturnKey = [this] { save(); };
    addAndMakeVisible (keyField);

    settings::styleNote (keyStatus);
    addAndMakeVisible (keyStatus);

    localOnly.setTooltip ("The chat reads moods with its own rules, even when a model is set here");
    addAndMakeVisible (localOnly);

    saveButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    saveButton.onClick = [this] { save(); };
    addAndMakeVisible (saveButton);

    forgetKeyButton.setTooltip ("Remove the stored API key from the keyring");
    forgetKeyButton.onClick = [this] { forgetKey(); };
    addAndMakeVisible (forgetKeyButton);

    settings::styleNote (outcomeLabel);
    addAndMakeVisible (outcomeLabel);

    load();
    refreshKeyStatus();
}

SettingsModelTab::~SettingsModelTab() { pool.removeAllJobs (true, stopTimeoutMs); }

void SettingsModelTab::focusFirstField() { urlField.grabKeyboardFocus(); }

void SettingsModelTab::load()
{
    const auto loaded = mood::LanguageModelConfig::load (mood::LanguageModelConfig::defaultFile());
    if (! loaded)
    {
        fileDamaged = true;
        settings::showOutcome (outcomeLabel, fromUtf8 (loaded.error().message), true);
        settings::logUi ("settings: language model file damaged");
        return;
    }

    urlField.setText (fromUtf8 (loaded->url), false);
    modelField.setText (fromUtf8 (loaded->model), false);
    localOnly.setToggleState (loaded->localRulesOnly, juce::dontSendNotification);
}

void SettingsModelTab::refreshKeyStatus()
{
    keyStatus.setText ("Looking for a stored key...", juce::dontSendNotification);
    pool.addJob ([safe = SafePointer (this)]
    {
        auto store = auth::makeSecretStore();
        const auto stored = store->load (mood::llmKeyAccount);
        const auto text = ! stored ? "The keyring cannot be read: "
                                         + fromUtf8 (stored.error().message)
                          : stored->has_value() ? "A key is stored in "
                                                      + fromUtf8 (store->describe()) + "."
                                                : juce::String ("No key is stored (a local server "
                                                                "needs none).");
        juce::MessageManager::callAsync ([safe, text]
        {
            if (safe != nullptr)
                safe->keyStatus.setText (text, juce::dontSendNotification);
        });
    });
}

void SettingsModelTab::save()
{
    mood::LanguageModelConfig config;
    config.url = urlField.getText().trim().toStdString();
    config.model = modelField.getText().trim().toStdString();
    config.localRulesOnly = localOnly.getToggleState();

    if (auto valid = config.validate(); ! valid)
    {
        const auto problem = fromUtf8 (valid.error().message);
        settings::showOutcome (outcomeLabel, "Not saved: " + problem, true);
        settings::logUi ("settings: language model not saved: " + problem);
        return;
    }

    // The key is moved out of the field at once, so it stays in memory no longer than needed.
    auto key = keyField.getText().trim().toStdString();
    keyField.clear();
    saveButton.setEnabled (false);
    settings::showOutcome (outcomeLabel, "Saving...", false);

    const auto keepDamaged = std::exchange (fileDamaged, false);
    pool.addJob ([safe = SafePointer (this), config, key = std::move (key), keepDamaged]() mutable
    {
        std::string problem;
        const auto file = mood::LanguageModelConfig::defaultFile();
        if (keepDamaged)
            if (auto kept = keepDamagedSettingsFile (file); ! kept)
                problem = kept.error().message;
        if (problem.empty())
            if (auto saved = config.save (file); ! saved)
                problem = saved.error().message;
        if (problem.empty() && ! key.empty())
            if (auto stored = auth::makeSecretStore()->save (mood::llmKeyAccount, key); ! stored)
                problem = stored.error().message;
        std::fill (key.begin(), key.end(), '\0');

        juce::MessageManager::callAsync ([safe, problem = fromUtf8 (problem)]
        {
            if (safe != nullptr)
                safe->showSaved (problem);
        });
    });
}

void SettingsModelTab::showSaved (const juce::String& problem)
{
    saveButton.setEnabled (true);
    if (problem.isNotEmpty())
    {
        settings::showOutcome (outcomeLabel, "Not saved: " + problem, true);
        settings::logUi ("settings: language model not saved: " + problem);
        return;
    }

    const auto model = modelField.getText().trim();
    settings::showOutcome (outcomeLabel,
                           localOnly.getToggleState() || model.isEmpty()
                               ? juce::String ("Saved. The chat reads moods with its own rules.")
                               : "Saved. The chat asks " + model + " from the next message on.",
                           false);
    settings::logUi ("settings: language model saved");
    refreshKeyStatus();
    if (onSaved != nullptr)
        onSaved();
}

void SettingsModelTab::forgetKey()
{
    keyStatus.setText ("Forgetting the stored key...", juce::dontSendNotification);
    pool.addJob ([safe = SafePointer (this)]
    {
        const auto removed = auth::makeSecretStore()->remove (mood::llmKeyAccount);
        const auto problem = removed ? juce::String() : fromUtf8 (removed.error().message);
        juce::MessageManager::callAsync ([safe, problem]
        {
            if (safe == nullptr)
                return;
            if (problem.isNotEmpty())
                settings::showOutcome (safe->outcomeLabel, problem, true);
            else
                settings::logUi ("settings: language model key forgotten");
            safe->refreshKeyStatus();
        });
    });
}

void SettingsModelTab::resized()
{
    auto area = getLocalBounds().reduced (4);

    if (environmentNote.getText().isNotEmpty())
    {
        environmentNote.setBounds (area.removeFromTop (40));
        area.removeFromTop (6);
    }

    const auto field = [&] (juce::Label& caption, juce::TextEditor& editor)
    {
        caption.setBounds (area.removeFromTop (20));
        editor.setBounds (area.removeFromTop (fieldHeight));
        area.removeFromTop (8);
    };
    field (urlCaption, urlField);
    field (modelCaption, modelField);
    field (keyCaption, keyField);
    keyStatus.setBounds (area.removeFromTop (22));
    area.removeFromTop (4);
    localOnly.setBounds (area.removeFromTop (30));
    area.removeFromTop (10);

    auto buttons = area.removeFromTop (fieldHeight);
    saveButton.setBounds (buttons.removeFromLeft (110));
    buttons.removeFromLeft (8);
    forgetKeyButton.setBounds (buttons.removeFromLeft (170));
    area.removeFromTop (8);
    outcomeLabel.setBounds (area);
}

} // namespace moodboard::plugin
