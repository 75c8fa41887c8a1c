#include "HarnessSupport.h"

#include <malloc.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>

juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter();

namespace moodboard::harness
{
namespace
{
int failures = 0;
} // namespace

void check (bool holds, const std::string& what)
{
    std::printf ("plugin harness: %s: %s\n", holds ? "ok" : "FAILED", what.c_str());
    std::fflush (stdout);
    if (! holds)
        ++failures;
}

int getNumFailures() { return failures; }

std::unique_ptr<juce::AudioProcessor> makeProcessor()
{
    return std::unique_ptr<juce::AudioProcessor> (createPluginFilter());
}

void pumpMessages (int milliseconds)
{
    juce::MessageManager::getInstance()->runDispatchLoopUntil (milliseconds);
}

std::int64_t getResidentBytes()
{
    std::ifstream statm ("/proc/self/statm");
    std::int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * (std::int64_t) sysconf (_SC_PAGESIZE);
}

std::int64_t getHeapInUseBytes() { return (std::int64_t) mallinfo2().uordblks; }

EditorWindow::EditorWindow (juce::AudioProcessor& processor)
    : editor (processor.createEditorIfNeeded())
{
    if (editor == nullptr)
        return;

    addAndMakeVisible (*editor);
    setSize (editor->getWidth(), editor->getHeight());
    setOpaque (true);
    addToDesktop (0);
    setVisible (true);
}

EditorWindow::~EditorWindow()
{
    // The editor tells its processor it is going in its destructor; it must go while this
    // window's peer still exists, as in a host.
    if (editor != nullptr)
        removeChildComponent (editor.get());
    editor.reset();
}

bool EditorWindow::waitForFirstPaint (int timeoutMilliseconds)
{
    const auto deadline = juce::Time::getMillisecondCounter() + (juce::uint32) timeoutMilliseconds;

    while (! painted && juce::Time::getMillisecondCounter() < deadline)
        pumpMessages (1);

    return painted;
}

void EditorWindow::paintOverChildren (juce::Graphics&) { painted = true; }

AudioThread::AudioThread (juce::AudioProcessor& p) : processor (p)
{
    thread = std::thread ([this] { run(); });
}

AudioThread::~AudioThread() { stop(); }

void AudioThread::stop()
{
    stopping = true;
    if (thread.joinable())
        thread.join();
}

void AudioThread::run()
{
    constexpr double rate = 48000.0;
    juce::AudioBuffer<float> buffer (2, 8192), expected (2, 8192);
    juce::MidiBuffer midi;
    midi.ensureSize (256);
    std::int64_t position = 0;

    for (std::size_t round = 0; ! stopping.load(); ++round)
    {
        const int frames = blockSizes[round % std::size (blockSizes)];
        fillTone (expected, frames, position, 1, rate);
        juce::AudioBuffer<float> block (buffer.getArrayOfWritePointers(), 2, frames);
        for (int c = 0; c < 2; ++c)
            block.copyFrom (c, 0, expected, c, 0, frames);

        midi.clear();
        if (round % 5 == 0 && frames > 0)
        {
            midi.addEvent (juce::MidiMessage::noteOn (1, 60 + (int) (round % 9), 0.8f), 0);
            midi.addEvent (juce::MidiMessage::controllerEvent (1, 20, (int) (round % 128)),
                           frames - 1);
        }

        processor.processBlock (block, midi);

        bool same = true;
        for (int c = 0; c < 2 && same; ++c)
            for (int i = 0; i < frames && same; ++i)
                same = block.getSample (c, i) == expected.getSample (c, i);
        if (! same)
            ++wrongBlocks;

        position += frames;
        ++blocks;
    }
}

void fillTone (juce::AudioBuffer<float>& buffer, int numSamples, std::int64_t position, int seed,
               double sampleRate)
{
    const double twoPi = juce::MathConstants<double>::twoPi;
    for (int c = 0; c < buffer.getNumChannels(); ++c)
    {
        const double frequency = 110.0 * (double) (seed + 1) + 55.0 * c;
        auto* samples = buffer.getWritePointer (c);
        for (int i = 0; i < numSamples; ++i)
            samples[i] = 0.4f * (float) std::sin (twoPi * frequency
                                                  * (double) (position + i) / sampleRate);
    }
}

} // namespace moodboard::harness
