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

#include <X11/Xlib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace
{
// A desktop's window manager creates these atoms; a bare Xvfb has none of them. JUCE 7.0.5 looks
// them up without creating them and then sets window properties with atom 0 (BadAtom). A JUCE
// application ignores that error in its own handler, but a plugin has its host's handler, here
// Xlib's default one, which exits. So the harness creates them first, as a desktop would have,
// and keeps its connection open: Xvfb forgets atoms when its last client leaves.
Display* createWindowManagerAtoms()
{
    auto* display = XOpenDisplay (nullptr);
    if (display == nullptr)
        return nullptr;

    const char* names[] = { "WM_PROTOCOLS", "WM_TAKE_FOCUS", "WM_DELETE_WINDOW", "_NET_WM_PING",
                            "WM_CHANGE_STATE", "WM_STATE", "_NET_WM_WINDOW_TYPE", "_NET_WM_STATE",
                            "_NET_WM_STATE_HIDDEN", "_NET_WM_WINDOW_TYPE_NORMAL",
                            "_NET_WM_STATE_SKIP_TASKBAR", "_NET_WM_STATE_ABOVE",
                            "_NET_FRAME_EXTENTS", "_NET_WORKAREA", "_MOTIF_WM_HINTS",
                            "_NET_WM_ALLOWED_ACTIONS" };
    for (auto* name : names)
        XInternAtom (display, name, False);

    XSync (display, False);
    return display;
}

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
    auto* atomsDisplay = createWindowManagerAtoms();

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
