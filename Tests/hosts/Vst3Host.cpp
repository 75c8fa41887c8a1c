// A headless VST3 host for the plugin check, written with JUCE's own hosting code: loads the
// bundle, runs audio through it at several sample rates and block sizes (output must equal input),
// and round-trips its state byte for byte through other instances, set before and after
// prepareToPlay. Usage: moodboard_vst3_host PATH/MusicMoodboard.vst3 (JUCE wants a display even
// without an editor: run it under xvfb-run). Exit 0 when every check holds.

#include <juce_audio_processors/juce_audio_processors.h>
#include <juce_gui_basics/juce_gui_basics.h>

#include "WindowManagerAtoms.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>

#include <unistd.h>

namespace
{
int failures = 0;

void check (bool holds, const std::string& what)
{
    std::printf ("vst3 host: %s: %s\n", holds ? "ok" : "FAILED", what.c_str());
    if (!holds)
        ++failures;
}

std::unique_ptr<juce::AudioPluginInstance> load (juce::AudioPluginFormatManager& formats,
                                                 const juce::PluginDescription& description,
                                                 double rate, int block)
{
    juce::String error;
    auto instance = formats.createPluginInstance (description, rate, block, error);
    if (instance == nullptr)
        std::printf ("vst3 host: could not create the plugin: %s\n", error.toRawUTF8());
    return instance;
}

// Resident memory of this process in MB, from /proc/self/statm.
double residentMegabytes()
{
    long pages = 0, resident = 0;
    if (auto* file = std::fopen ("/proc/self/statm", "r"))
    {
        if (std::fscanf (file, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose (file);
    }
    return (double) resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

// Runs blocks of changing size; returns the largest difference between output and input.
float process (juce::AudioPluginInstance& plugin, double rate, int rounds)
{
    const int sizes[] = {64, 1, 512, 8192, 333, 128, 0, 2048, 7, 4096};
    juce::AudioBuffer<float> buffer (2, 8192), input (2, 8192);
    juce::MidiBuffer midi;
    float worst = 0.0f;
    long position = 0;
    for (int round = 0; round < rounds; ++round)
    {
        const int frames = sizes[round % 10];
        buffer.setSize (2, frames, false, false, true);
        input.setSize (2, frames, false, false, true);
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < frames; ++i)
                input.setSample (c, i,
                                 0.5f * (float) std::sin (2.0 * juce::MathConstants<double>::pi *
                                                          220.0 * (c + 1) *
                                                          (double) (position + i) / rate));
        for (int c = 0; c < 2; ++c)
            buffer.copyFrom (c, 0, input, c, 0, frames);
        plugin.processBlock (buffer, midi);
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < frames; ++i)
                worst =
                    std::max (worst, std::abs (buffer.getSample (c, i) - input.getSample (c, i)));
        position += frames;
    }
    return worst;
}
} // namespace

int main (int argc, char** argv)
{
    if (argc != 2)
    {
        std::fprintf (stderr, "usage: moodboard_vst3_host PATH/MusicMoodboard.vst3\n");
        return 2;
    }
    std::setvbuf (stdout, nullptr, _IOLBF, 0);
    auto* atomsDisplay = moodboard::testing::createWindowManagerAtoms();
    juce::ScopedJuceInitialiser_GUI gui;
    juce::AudioPluginFormatManager formats;
    formats.addFormat (new juce::VST3PluginFormat());

    juce::OwnedArray<juce::PluginDescription> found;
    juce::VST3PluginFormat vst3;
    vst3.findAllTypesForFile (found, juce::File::getCurrentWorkingDirectory()
                                         .getChildFile (juce::String::fromUTF8 (argv[1]))
                                         .getFullPathName());
    check (found.size() == 1,
           "the bundle holds one plugin (" + std::to_string (found.size()) + ")");
    if (found.isEmpty())
        return 1;
    const auto description = *found[0];

    // Audio passes through untouched at every rate and block size.
    for (const double rate : {44100.0, 48000.0, 96000.0})
    {
        auto plugin = load (formats, description, rate, 8192);
        if (plugin == nullptr)
            return 1;
        plugin->enableAllBuses();
        plugin->prepareToPlay (rate, 8192);
        const auto worst = process (*plugin, rate, 40);
        plugin->releaseResources();
        check (worst == 0.0f, "audio at " + std::to_string ((int) rate) +
                                  " Hz, blocks 0 to 8192, "
                                  "largest difference " +
                                  std::to_string (worst));
    }

    // State round trip, byte for byte, set before and after prepareToPlay.
    {
        auto first = load (formats, description, 48000.0, 512);
        auto second = load (formats, description, 48000.0, 512);
        auto third = load (formats, description, 48000.0, 512);
        if (first == nullptr || second == nullptr || third == nullptr)
            return 1;
        juce::MemoryBlock state;
        first->getStateInformation (state);
        check (state.getSize() > 0,
               "the state is not empty (" + std::to_string (state.getSize()) + " bytes)");
        second->setStateInformation (state.getData(), (int) state.getSize());
        second->prepareToPlay (48000.0, 512);
        juce::MemoryBlock again;
        second->getStateInformation (again);
        check (again == state, "state set before prepareToPlay comes back byte for byte");
        third->prepareToPlay (44100.0, 256);
        third->setStateInformation (state.getData(), (int) state.getSize());
        juce::MemoryBlock afterPrepare;
        third->getStateInformation (afterPrepare);
        check (afterPrepare == state, "state set after prepareToPlay comes back byte for byte");
        const auto text = state.toString();
        check (!text.containsIgnoreCase ("token") && !text.containsIgnoreCase ("Bearer"),
               "no credentials in the state");
    }

    // The editor opened on the desktop and closed 50 times while another thread processes.
    {
        auto plugin = load (formats, description, 48000.0, 512);
        if (plugin == nullptr)
            return 1;
        plugin->enableAllBuses();
        plugin->prepareToPlay (48000.0, 512);
        std::atomic<bool> stop { false };
        std::atomic<long> blocks { 0 };
        std::thread audio ([&]
        {
            juce::AudioBuffer<float> buffer (2, 512);
            juce::MidiBuffer midi;
            while (! stop)
            {
                buffer.clear();
                plugin->processBlock (buffer, midi);
                ++blocks;
                std::this_thread::sleep_for (std::chrono::milliseconds (2));
            }
        });
        int opened = 0;
        double afterFirst = 0.0;
        for (int round = 0; round < 50; ++round)
        {
            std::unique_ptr<juce::AudioProcessorEditor> editor (plugin->createEditorIfNeeded());
            if (editor == nullptr)
                break;
            editor->addToDesktop (juce::ComponentPeer::windowIsTemporary);
            editor->setVisible (true);
            juce::MessageManager::getInstance()->runDispatchLoopUntil (60);
            editor->setVisible (false);
            plugin->editorBeingDeleted (editor.get());
            editor.reset();
            juce::MessageManager::getInstance()->runDispatchLoopUntil (20);
            if (++opened == 1)
                afterFirst = residentMegabytes();
        }
        const auto growth = residentMegabytes() - afterFirst;
        stop = true;
        audio.join();
        plugin->releaseResources();
        check (opened == 50, "the editor opened on the desktop and closed "
                                 + std::to_string (opened)
                                 + " times while " + std::to_string (blocks.load())
                                 + " blocks were processed");
        // The first opening loads fonts and images for good; later ones must give back what
        // they took. The analyser's buffers come and go every 3 s, hence the room.
        check (growth < 16.0, "resident memory grew by " + std::to_string (growth)
                                  + " MB over the 49 later openings (at most 16)");
    }

    if (atomsDisplay != nullptr)
        XCloseDisplay (atomsDisplay);
    std::printf ("vst3 host: %d check(s) failed\n", failures);
    return failures == 0 ? 0 : 1;
}
