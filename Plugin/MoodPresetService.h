#pragma once

#include "Core/Error.h"
#include "Mood/MoodPresets.h"

#include <juce_events/juce_events.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace moodboard::plugin
{

/** The mood presets and the stored key mappings of one process, shared by every editor, so a
    preset renamed or a key changed in one window reaches all of them.

    Both are read from the config folder at the first call that needs them (mood-presets.json
    through the core's loadMoodPresets, hotkeys.xml as JUCE's KeyPressMappingSet XML). A damaged
    file is reported by getProblems(), the defaults are used and the file is left as it is until
    the user saves new presets or keys; it is then kept beside as `<name>.damaged`. Each change is
    announced with a change message.

    It holds no component and no command manager (each editor has its own), so it can be made
    on any thread with the rest of MoodboardServices. Everything else: message thread.
*/
class MoodPresetService final : public juce::ChangeBroadcaster
{
public:
    MoodPresetService() = default;

    /** The presets in their order; the first nine are reached by Ctrl+1..9. Never empty.
        Message thread. */
    [[nodiscard]] const std::vector<mood::MoodPreset>& getPresets();

    /** Validates `presets`, writes them atomically and, when that worked, makes them the
        process's presets and sends a change message. The error says what to fix; nothing is
        changed then. Message thread. */
    [[nodiscard]] Expected<void> savePresets (std::vector<mood::MoodPreset> presets);

    /** The stored key mappings (KeyPressMappingSet::createXml with only the differences from the
        defaults), or nullptr for the defaults. Message thread. */
    [[nodiscard]] std::unique_ptr<juce::XmlElement> getKeyMappings();

    /** Stores changed key mappings and tells every editor. Writing the same mappings again does
        nothing. Message thread. */
    [[nodiscard]] Expected<void> saveKeyMappings (const juce::XmlElement& mappings);

    /** What was wrong with the stored presets or keys at loading, one sentence each; empty when
        both were fine or missing. Message thread. */
    [[nodiscard]] juce::StringArray getProblems();

    /** Reads both files again (after they were changed outside the app) and sends a change
        message. Message thread. */
    void reload();

    /** The file the key mappings live in: hotkeys.xml in the config folder. Any thread. */
    [[nodiscard]] static std::filesystem::path hotkeysFile();

private:
    void loadOnce();
    void loadPresets();
    void loadKeyMappings();

    bool loaded = false;
    std::vector<mood::MoodPreset> presets;
    juce::String presetProblem, keyProblem;
    bool presetFileDamaged = false, keyFileDamaged = false;
    juce::String storedKeyMappings;   // the XML text as stored, to notice a real change

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MoodPresetService)
};

} // namespace moodboard::plugin
