#include "MoodPresetService.h"

#include "Core/AtomicFile.h"
#include "Core/Log.h"
#include "Core/Paths.h"

namespace moodboard::plugin
{
namespace
{
constexpr auto mappingsTag = "KEYMAPPINGS";

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

juce::File toJuceFile (const std::filesystem::path& path)
{
    return juce::File (fromUtf8 (path.string()));
}

/** Keeps a damaged file the user may want to mend by hand before a save replaces it. */
void keepDamaged (const std::filesystem::path& file)
{
    std::error_code ec;
    auto aside = file;
    aside += ".damaged";
    std::filesystem::rename (file, aside, ec);
    if (ec)
        log::warning ("presets", "could not keep " + file.string() + " as " + aside.string()
                                     + ": " + ec.message());
    else
        log::info ("presets", "the damaged " + file.filename().string() + " was kept as "
                                  + aside.filename().string());
}
} // namespace

std::filesystem::path MoodPresetService::hotkeysFile()
{
    return Paths::configDir() / "hotkeys.xml";
}

void MoodPresetService::loadOnce()
{
    JUCE_ASSERT_MESSAGE_THREAD
    if (loaded)
        return;
    loaded = true;
    loadPresets();
    loadKeyMappings();
}

void MoodPresetService::loadPresets()
{
    auto read = mood::loadMoodPresets (mood::moodPresetsFile());
    presetFileDamaged = ! read.has_value();
    presetProblem = read ? juce::String() : fromUtf8 (read.error().message);
    presets = read ? std::move (*read) : mood::defaultMoodPresets();
    if (presetFileDamaged)
        log::warning ("presets", read.error().message);
}

void MoodPresetService::loadKeyMappings()
{
    const auto file = toJuceFile (hotkeysFile());
    keyProblem = {};
    keyFileDamaged = false;
    storedKeyMappings = {};
    if (! file.existsAsFile())
        return;

    const auto xml = juce::XmlDocument::parse (file);
    if (xml == nullptr || ! xml->hasTagName (mappingsTag))
    {
        keyFileDamaged = true;
        keyProblem = "The hotkeys in " + file.getFullPathName()
                     + " cannot be read (it is not the key list this app writes), so the default "
                       "keys are used. Fix the file, or change a key in Moods & keys to replace "
                       "it; it was left as it is.";
        log::warning ("presets", keyProblem.toStdString());
        return;
    }
    storedKeyMappings = xml->toString();
}

const std::vector<mood::MoodPreset>& MoodPresetService::getPresets()
{
    loadOnce();
    return presets;
}

Expected<void> MoodPresetService::savePresets (std::vector<mood::MoodPreset> newPresets)
{
    loadOnce();
    if (auto valid = mood::validateMoodPresets (newPresets); ! valid)
        return makeError (Error::Kind::invalidInput,
                          "The mood presets were not saved: " + valid.error().message + ".");

    const auto file = mood::moodPresetsFile();
    if (presetFileDamaged)
        keepDamaged (file);
    if (auto saved = mood::saveMoodPresets (file, newPresets); ! saved)
        return saved;

    presets = std::move (newPresets);
    presetFileDamaged = false;
    presetProblem = {};
    log::info ("presets", "saved " + std::to_string (presets.size()) + " mood presets");
    sendChangeMessage();
    return {};
}

std::unique_ptr<juce::XmlElement> MoodPresetService::getKeyMappings()
{
    loadOnce();
    if (storedKeyMappings.isEmpty())
        return nullptr;
    return juce::parseXML (storedKeyMappings);
}

Expected<void> MoodPresetService::saveKeyMappings (const juce::XmlElement& mappings)
{
    loadOnce();
    if (! mappings.hasTagName (mappingsTag))
        return makeError (Error::Kind::internal, "the key list to store is not a KEYMAPPINGS list");

    const auto text = mappings.toString();
    if (text == storedKeyMappings && ! keyFileDamaged)
        return {};

    const auto file = hotkeysFile();
    if (keyFileDamaged)
        keepDamaged (file);
    if (auto written = writeFileAtomically (file, text.toStdString()); ! written)
        return makeError (written.error().kind,
                          "The keys were not saved: " + written.error().message);

    storedKeyMappings = text;
    keyFileDamaged = false;
    keyProblem = {};
    log::info ("presets", "saved the hotkeys");
    sendChangeMessage();
    return {};
}

juce::StringArray MoodPresetService::getProblems()
{
    loadOnce();
    juce::StringArray problems;
    if (presetProblem.isNotEmpty())
        problems.add (presetProblem);
    if (keyProblem.isNotEmpty())
        problems.add (keyProblem);
    return problems;
}

void MoodPresetService::reload()
{
    JUCE_ASSERT_MESSAGE_THREAD
    loaded = true;
    loadPresets();
    loadKeyMappings();
    sendChangeMessage();
}

} // namespace moodboard::plugin
