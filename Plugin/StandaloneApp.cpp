#include <juce_core/system/juce_TargetPlatform.h>

#if JucePlugin_Build_Standalone && JUCE_USE_CUSTOM_PLUGIN_STANDALONE_APP

#include "StandaloneApp.h"

#include "PluginEditor.h"

#include "Core/Log.h"
#include "Mood/MoodPresets.h"

#include <chrono>
#include <future>
#include <iostream>
#include <thread>

namespace moodboard::plugin
{
namespace
{
using namespace std::chrono_literals;

// Long enough for a busy message thread, short enough that a shortcut never seems to hang.
constexpr auto messageThreadWait = 2000ms;
constexpr auto handOverTimeout = 4000ms;
// How long a second instance keeps trying while a first one is between its lock and its listen.
constexpr auto startRaceWindow = 3000ms;

void logApp (const std::string& message) { log::info ("app", message); }

std::optional<juce::String> moodFromCommandLine (const juce::StringArray& args)
{
    for (int i = 0; i < args.size(); ++i)
    {
        if (args[i] == "--mood" && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith ("--mood="))
            return args[i].fromFirstOccurrenceOf ("=", false, false);
    }
    return std::nullopt;
}

std::string presetNames (const std::vector<mood::MoodPreset>& presets)
{
    std::string names;
    for (const auto& preset : presets)
        names += (names.empty() ? "" : ", ") + preset.name;
    return names;
}
} // namespace

StandaloneApp::StandaloneApp()
{
    // The same place JUCE's own standalone app keeps the audio settings and the plugin state.
    juce::PropertiesFile::Options options;
    options.applicationName = getApplicationName();
    options.filenameSuffix = ".settings";
    options.osxLibrarySubFolder = "Application Support";
    options.folderName = "~/.config";
    appProperties.setStorageParameters (options);
}

const juce::String StandaloneApp::getApplicationName()
{
    return juce::CharPointer_UTF8 (JucePlugin_Name);
}

const juce::String StandaloneApp::getApplicationVersion() { return JucePlugin_VersionString; }

void StandaloneApp::initialise (const juce::String&)
{
    const auto mood = moodFromCommandLine (getCommandLineParameterArray());

    if (auto path = net::appChannelPath(); ! path)
        log::warning ("app", "no single-instance channel: " + path.error().message);
    else if (handOverToRunningApp (*path, mood))
        return;

    mainWindow = std::make_unique<juce::StandaloneFilterWindow> (
        getApplicationName(),
        juce::LookAndFeel::getDefaultLookAndFeel().findColour (
            juce::ResizableWindow::backgroundColourId),
        appProperties.getUserSettings(), false, juce::String(), nullptr,
        juce::Array<juce::StandalonePluginHolder::PluginInOuts>(), false);
    mainWindow->setVisible (true);

    {
        const std::scoped_lock lock (editorLock);
        editor = findEditor();
    }

    if (mood.has_value())
    {
        juce::Component::SafePointer<PluginEditor> target (findEditor());
        const auto name = *mood;
        juce::MessageManager::callAsync ([target, name]
        {
            if (target != nullptr && ! target->selectMoodPreset (name))
                logApp ("--mood " + name.toStdString() + " names no preset");
        });
    }
}

bool StandaloneApp::handOverToRunningApp (const std::filesystem::path& path,
                                          const std::optional<juce::String>& mood)
{
    const net::AppRequest request = mood.has_value()
                                      ? net::AppRequest { net::AppRequest::Kind::mood,
                                                          mood->toStdString() }
                                      : net::AppRequest { net::AppRequest::Kind::show, {} };
    const auto line = net::formatAppRequest (request);
    const auto giveUpAt = std::chrono::steady_clock::now() + startRaceWindow;

    for (;;)
    {
        const auto answer = net::sendAppRequest (path, line, handOverTimeout);
        if (answer)
        {
            finishHandOver (*answer, mood.has_value());
            return true;
        }
        if (answer.error().kind != Error::Kind::notFound)
        {
            finishHandOver ("error: Music Moodboard is running but did not answer ("
                                + answer.error().message + ")",
                            mood.has_value());
            return true;
        }

        auto listening = net::AppChannelServer::listen (
            path, [this] (const net::AppRequest& r) { return answerRequest (r); });
        if (listening)
        {
            channel = std::move (*listening);
            return false;
        }
        // Another instance holds the lock but is not listening yet: ask it again shortly.
        if (listening.error().kind != Error::Kind::unsupported
            || std::chrono::steady_clock::now() > giveUpAt)
        {
            log::warning ("app", "no single-instance channel: " + listening.error().message);
            return false;
        }
        std::this_thread::sleep_for (100ms);
    }
}

void StandaloneApp::finishHandOver (const std::string& answer, bool isMood)
{
    const bool ok = answer.starts_with ("ok");
    if (ok && isMood)
        std::cout << "Music Moodboard is already running; it switched to " << answer.substr (3)
                  << ".\n";
    else if (ok)
        std::cout << "Music Moodboard is already running; its window was brought forward.\n";
    else
        std::cerr << "MusicMoodboard: "
                  << (answer.starts_with ("error: ") ? answer.substr (7) : answer) << "\n";
    std::cout.flush();

    logApp (std::string ("handed over to the running app: ") + (ok ? "done" : "refused"));
    setApplicationReturnValue (ok ? 0 : 1);
    quit();
}

std::string StandaloneApp::answerRequest (const net::AppRequest& request)
{
    if (request.kind == net::AppRequest::Kind::mood)
        return answerMood (request.argument);

    auto promise = std::make_shared<std::promise<bool>>();
    auto done = promise->get_future();
    juce::MessageManager::callAsync ([promise]
    {
        if (auto* app = dynamic_cast<StandaloneApp*> (juce::JUCEApplication::getInstance()))
            app->showWindow();
        promise->set_value (true);
    });
    return waitForMessageThread (done) ? "ok shown" : "error: the app is busy; try again";
}

std::string StandaloneApp::answerMood (const std::string& nameOrNumber)
{
    // A damaged presets file is reported by the app's preset service, which then uses the
    // defaults; the desktop key does the same, so the keys and Ctrl+1..9 agree.
    auto loaded = mood::loadMoodPresets (mood::moodPresetsFile());
    const auto presets = loaded ? std::move (*loaded) : mood::defaultMoodPresets();

    const auto* preset = mood::findMoodPreset (presets, nameOrNumber);
    if (preset == nullptr)
        return "unknown preset: " + nameOrNumber + "; presets: " + presetNames (presets);

    juce::Component::SafePointer<PluginEditor> target;
    {
        const std::scoped_lock lock (editorLock);
        target = editor;
    }

    const auto name = juce::String::fromUTF8 (preset->name.c_str());
    auto promise = std::make_shared<std::promise<bool>>();
    auto done = promise->get_future();
    juce::MessageManager::callAsync ([target, name, promise]
    {
        // The window's options menu can make a new editor; then ask the window for it.
        auto* shown = target.getComponent();
        if (shown == nullptr)
            if (auto* app = dynamic_cast<StandaloneApp*> (juce::JUCEApplication::getInstance()))
                shown = app->findEditor();
        promise->set_value (shown != nullptr && shown->selectMoodPreset (name));
    });

    if (! waitForMessageThread (done))
        return "error: the app is busy; try again";
    if (! done.get())
        return "error: the window could not switch to " + preset->name;
    return "ok " + preset->name;
}

bool StandaloneApp::waitForMessageThread (std::future<bool>& done)
{
    // In slices, so that quitting does not wait for a message that will never be delivered.
    const auto giveUpAt = std::chrono::steady_clock::now() + messageThreadWait;
    while (! closing.load())
    {
        if (done.wait_for (50ms) == std::future_status::ready)
            return true;
        if (std::chrono::steady_clock::now() > giveUpAt)
            return false;
    }
    return false;
}

PluginEditor* StandaloneApp::findEditor() const
{
    if (mainWindow == nullptr)
        return nullptr;
    auto* processor = mainWindow->getAudioProcessor();
    return processor != nullptr ? dynamic_cast<PluginEditor*> (processor->getActiveEditor())
                                : nullptr;
}

void StandaloneApp::showWindow()
{
    if (mainWindow == nullptr)
        return;
    mainWindow->setVisible (true);
    if (mainWindow->isMinimised())
        mainWindow->setMinimised (false);
    mainWindow->toFront (true);
    logApp ("window brought forward");
}

void StandaloneApp::shutdown()
{
    closing = true;
    channel = nullptr;
    mainWindow = nullptr;
    appProperties.saveIfNeeded();
}

void StandaloneApp::systemRequestedQuit()
{
    if (mainWindow != nullptr)
        mainWindow->pluginHolder->savePluginState();

    if (juce::ModalComponentManager::getInstance()->cancelAllModalComponents())
    {
        juce::Timer::callAfterDelay (100, []
        {
            if (auto* app = juce::JUCEApplicationBase::getInstance())
                app->systemRequestedQuit();
        });
        return;
    }
    quit();
}

} // namespace moodboard::plugin

juce::JUCEApplicationBase* juce_CreateApplication();
juce::JUCEApplicationBase* juce_CreateApplication()
{
    return new moodboard::plugin::StandaloneApp();
}

#endif
