#pragma once

#include <juce_audio_processors/juce_audio_processors.h>
#include <juce_gui_basics/juce_gui_basics.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

/** Shared pieces of the plugin harness: the verdict lines, the real processor made as a host
    makes it (createPluginFilter()), a desktop window that holds an editor the way a host's
    window does, the message loop, and a thread that keeps calling processBlock.

    Threads: the harness's main thread is JUCE's message thread (it made the
    ScopedJuceInitialiser_GUI); AudioThread runs processBlock on its own std::thread, as a host's
    audio thread does.
*/
namespace moodboard::harness
{

/** Prints "plugin harness: ok|FAILED: what" and remembers failures. Main thread. */
void check (bool holds, const std::string& what);

/** How many checks failed so far. Main thread. */
[[nodiscard]] int getNumFailures();

/** A new instance of the real processor, as every plugin wrapper makes it. Message thread. */
[[nodiscard]] std::unique_ptr<juce::AudioProcessor> makeProcessor();

/** Runs JUCE's message loop for about this long. Message thread. */
void pumpMessages (int milliseconds);

/** The process's resident memory from /proc/self/statm, in bytes. Any thread. */
[[nodiscard]] std::int64_t getResidentBytes();

/** Bytes in use on the malloc heap (mallinfo2), across all threads. Any thread. */
[[nodiscard]] std::int64_t getHeapInUseBytes();

/** A top-level window on the desktop holding one editor, as a host's plugin window does. It
    notes when the editor was first painted (paintOverChildren runs after its children). The
    window deletes the editor before itself. Message thread. */
class EditorWindow final : public juce::Component
{
public:
    explicit EditorWindow (juce::AudioProcessor&);
    ~EditorWindow() override;

    /** False when the processor gave no editor. */
    [[nodiscard]] bool hasEditor() const noexcept { return editor != nullptr; }

    /** Runs the message loop until the editor was painted once, or the time runs out; true
        when it was painted. */
    bool waitForFirstPaint (int timeoutMilliseconds);

    void paintOverChildren (juce::Graphics&) override;

private:
    std::unique_ptr<juce::AudioProcessorEditor> editor;
    bool painted = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (EditorWindow)
};

/** Calls processBlock without pause on its own thread (stereo, block sizes cycling through 0 to
    8192, a note or a controller now and then) until stopped, the way a host's audio thread
    does. The processor must be prepared for 8192 samples first. Made and stopped on the message
    thread. */
class AudioThread final
{
public:
    explicit AudioThread (juce::AudioProcessor&);
    ~AudioThread();

    /** Blocks processed so far. Any thread. */
    [[nodiscard]] std::int64_t getNumBlocks() const noexcept { return blocks.load(); }

    /** Blocks whose output differed from their input (the plugin passes audio through). */
    [[nodiscard]] std::int64_t getNumWrongBlocks() const noexcept { return wrongBlocks.load(); }

    void stop();

private:
    void run();

    juce::AudioProcessor& processor;
    std::atomic<bool> stopping { false };
    std::atomic<std::int64_t> blocks { 0 };
    std::atomic<std::int64_t> wrongBlocks { 0 };
    std::thread thread;
};

/** Fills a stereo buffer with a test tone unique to seed (a sine per channel, frequencies taken
    from seed), starting at sample position. Any thread; no allocation. */
void fillTone (juce::AudioBuffer<float>& buffer, int numSamples, std::int64_t position, int seed,
               double sampleRate);

/** The block sizes every processing check cycles through, 0 and 8192 included. */
inline constexpr int blockSizes[] = { 64, 0, 1, 512, 8192, 333, 128, 2048, 7, 4096, 480, 8191 };

} // namespace moodboard::harness
