#pragma once

#include <X11/Xlib.h>

namespace moodboard::testing
{

/** Creates the X atoms a desktop's window manager would have made. A bare Xvfb has none of them;
    JUCE 7.0.5 looks them up without creating them and then sets window properties with atom 0
    (BadAtom). A JUCE application ignores that error in its own handler, but a plugin runs under
    its host's handler (Xlib's default one exits), so the test hosts call this before JUCE
    starts. The returned connection must stay open while windows are made: Xvfb forgets atoms
    when its last client leaves. Null when there is no display. Main thread.
*/
inline Display* createWindowManagerAtoms()
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

} // namespace moodboard::testing
