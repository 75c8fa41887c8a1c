// The plugin harness: the real processor, made with createPluginFilter() as every plugin wrapper
// makes it, checked the way a demanding host would use it. Run it under a display (xvfb-run -a):
//
//   moodboard_plugin_harness           the checks; exit 0 only when all hold
//   moodboard_plugin_harness --bench   processBlock's share of real time and the editor's open
//                                      time, printed as "name: value unit" lines
//
// Without MOODBOARD_HOME the harness makes a home of its own in the temporary folder, and it
// keeps sign-ins in the file store, so it never reads or writes the user's library, settings or
// keyring. The main thread is JUCE's message thread for the whole run.

#include "HarnessSupport.h"
#include "PluginChecks.h"

#include "../hosts/WindowManagerAtoms.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace
{
// Returns the home it made, to be removed at the end; nothing when MOODBOARD_HOME was given.
juce::File isolateFromTheUser()
{
    juce::File made;
    if (std::getenv ("MOODBOARD_HOME") == nullptr)
    {
        made = juce::File::getSpecialLocation (juce::File::tempDirectory)
                   .getNonexistentChildFile ("moodboard-plugin-harness", "");
        made.createDirectory();
        setenv ("MOODBOARD_HOME", made.getFullPathName().toRawUTF8(), 1);
    }
    setenv ("MOODBOARD_SECRET_STORE", "file", 0);
    return made;
}
} // namespace

int main (int argc, char** argv)
{
    const bool bench = argc > 1 && std::strcmp (argv[1], "--bench") == 0;
    const auto madeHome = isolateFromTheUser();
    std::printf ("plugin harness: home %s\n", std::getenv ("MOODBOARD_HOME"));
    auto* atomsDisplay = moodboard::testing::createWindowManagerAtoms();

    {
        const juce::ScopedJuceInitialiser_GUI juce;

        if (bench)
        {
            moodboard::harness::runBenchmarks();
        }
        else
        {
            moodboard::harness::checkRealtimeSafety();
            moodboard::harness::checkStateRoundTrip();
            moodboard::harness::checkPresetCommandNames();
            moodboard::harness::checkPresetKeysAsDelivered();
            moodboard::harness::checkBlankChatMessage();
            moodboard::harness::checkEditorOpenedWhileProcessing();
        }

        // Answers posted by the services' threads after the last editor closed.
        moodboard::harness::pumpMessages (200);
        juce::DeletedAtShutdown::deleteAll();
    }

    if (atomsDisplay != nullptr)
        XCloseDisplay (atomsDisplay);

    if (madeHome != juce::File())
        madeHome.deleteRecursively();

    // JUCE's leak detector reports at exit in debug builds (on stderr; CTest fails on it).
    const auto failures = moodboard::harness::getNumFailures();
    std::printf ("plugin harness: %s (%d failed)\n", failures == 0 ? "all checks hold" : "FAILED",
                 failures);
    return failures == 0 ? 0 : 1;
}
