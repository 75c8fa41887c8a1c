#pragma once

#include "AccountService.h"
#include "LibraryService.h"
#include "MoodPresetService.h"
#include "SuggestionService.h"

namespace moodboard::plugin
{

/** The services one process shares between its plugin instances and editors, held through a
    juce::SharedResourcePointer: the library (catalog and scans), the playlist builder, the
    account (sign-in) and the mood presets with the stored hotkeys.

    Design: components never touch the catalog, the analysis or the disk. They ask a service;
    the service works on its own thread and answers on the message thread, either through a
    change message (library status) or a callback posted with MessageManager::callAsync
    (playlists, saving). Callbacks capture a Component::SafePointer, so an answer that arrives
    after its editor closed is dropped. The suggestion service refers to the library's catalog,
    so it is declared second and destroyed first.
*/
struct MoodboardServices final
{
    MoodboardServices() = default;

    LibraryService library;
    SuggestionService suggestions { library };
    AccountService account;
    MoodPresetService moodPresets;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MoodboardServices)
};

} // namespace moodboard::plugin
