#pragma once

#include "Net/AppChannel.h"

#include <juce_audio_devices/juce_audio_devices.h>
#include <juce_audio_utils/juce_audio_utils.h>
#include <juce_gui_extra/juce_gui_extra.h>

#include <juce_audio_plugin_client/Standalone/juce_StandaloneFilterWindow.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

namespace moodboard::plugin
{

class PluginEditor;

/** The desktop app: JUCE's standalone window around the plugin's editor, run as one instance.

    At start it looks for an app already listening on the app channel (net::AppChannel). If there
    is one, it hands over what it was asked for (`--mood NAME`, else "show"), prints the answer
    and quits (exit 0, or 1 when the preset is unknown) without opening a window. Otherwise it
    listens and opens its window.

    The channel's thread answers a "mood NAME" request by resolving the name against the stored
    presets, then posting the switch to the message thread (MessageManager::callAsync with a
    SafePointer to the editor) and waiting a little for it. A mood request never raises or
    focuses the window, so a desktop shortcut does not take the focus from what the user is
    typing in; only "show" brings the window forward.
*/
class StandaloneApp final : public juce::JUCEApplication
{
public:
    StandaloneApp();

    const juce::String getApplicationName() override;
    const juce::String getApplicationVersion() override;
    bool moreThanOneInstanceAllowed() override { return true; }
    void anotherInstanceStarted (const juce::String&) override {}

    /** Hands over to a running app, or listens and opens the window. Message thread. */
    void initialise (const juce::String& commandLine) override;
    /** Stops listening, then closes the window. Message thread. */
    void shutdown() override;
    /** Saves the plugin's state and quits once no modal dialog is open. Message thread. */
    void systemRequestedQuit() override;

private:
    [[nodiscard]] bool handOverToRunningApp (const std::filesystem::path& channel,
                                             const std::optional<juce::String>& mood);
    void finishHandOver (const std::string& answer, bool isMood);
    [[nodiscard]] std::string answerRequest (const net::AppRequest& request);
    [[nodiscard]] std::string answerMood (const std::string& nameOrNumber);
    [[nodiscard]] bool waitForMessageThread (std::future<bool>& done);
    [[nodiscard]] PluginEditor* findEditor() const;
    void showWindow();

    juce::ApplicationProperties appProperties;
    std::unique_ptr<juce::StandaloneFilterWindow> mainWindow;
    std::unique_ptr<net::AppChannelServer> channel;
    std::atomic<bool> closing { false };

    std::mutex editorLock;   // the channel's thread copies `editor` under it
    juce::Component::SafePointer<PluginEditor> editor;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (StandaloneApp)
};

} // namespace moodboard::plugin
