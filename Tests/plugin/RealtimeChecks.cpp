#include "PluginChecks.h"

#include "HarnessSupport.h"
#include "RealtimeCounters.h"

#include <cstdlib>
#include <mutex>

namespace moodboard::harness
{
namespace
{
// Keeps the self-test's allocation from being optimised away.
void* volatile escaped = nullptr;

struct ProcessingResult
{
    RealtimeCounts counts;
    std::int64_t blocks = 0;
    std::int64_t wrongBlocks = 0;
    std::int64_t midiEvents = 0;
};

// The audio thread's work: blocks of every size up to maxBlock, MIDI notes and controllers in
// most blocks, and on every third block each parameter set to a new value, as a host's wrapper
// sets them on its audio thread before processBlock. Only processBlock and the parameter calls
// are counted; filling the input and the MIDI buffer is the host's business.
ProcessingResult process (juce::AudioProcessor& processor, double rate, int maxBlock, int rounds,
                          int seed)
{
    ProcessingResult result;
    juce::AudioBuffer<float> buffer (2, 8192), expected (2, 8192);
    juce::MidiBuffer midi;
    midi.ensureSize (1024);
    const auto& parameters = processor.getParameters();
    std::int64_t position = 0;

    CountingScope scope;
    scope.pause();

    for (int round = 0; round < rounds; ++round)
    {
        const int frames = juce::jmin (maxBlock, blockSizes[(std::size_t) round
                                                            % std::size (blockSizes)]);
        fillTone (expected, frames, position, seed, rate);
        juce::AudioBuffer<float> block (buffer.getArrayOfWritePointers(), 2, frames);
        for (int c = 0; c < 2; ++c)
            block.copyFrom (c, 0, expected, c, 0, frames);

        midi.clear();
        if (frames > 0 && round % 4 != 3)
        {
            const int note = 36 + (round * 7) % 48;
            midi.addEvent (juce::MidiMessage::noteOn (1 + round % 16, note, 0.9f), 0);
            midi.addEvent (juce::MidiMessage::noteOff (1 + round % 16, note), frames / 2);
            midi.addEvent (juce::MidiMessage::controllerEvent (1, round % 120, round % 128),
                           frames - 1);
            midi.addEvent (juce::MidiMessage::programChange (1, round % 8), frames - 1);
            result.midiEvents += 4;
        }

        scope.resume();
        if (round % 3 == 0)
            for (auto* parameter : parameters)
                parameter->setValue ((float) ((round / 3) % 11) / 10.0f);
        processor.processBlock (block, midi);
        scope.pause();

        bool same = true;
        for (int c = 0; c < 2 && same; ++c)
            for (int i = 0; i < frames && same; ++i)
                same = block.getSample (c, i) == expected.getSample (c, i);
        result.wrongBlocks += same ? 0 : 1;
        position += frames;
        ++result.blocks;
    }

    result.counts = scope.get();
    return result;
}

void checkCountersWork()
{
    std::mutex mutex;
    RealtimeCounts counts;
    {
        CountingScope scope;
        escaped = new int[16];
        delete[] static_cast<int*> (escaped);
        // JUCE's HeapBlock allocates with malloc, not with operator new.
        escaped = std::malloc (64);
        std::free (escaped);
        { std::lock_guard lock (mutex); }
        counts = scope.get();
    }
    check (counts.allocations == 2 && counts.locks == 1,
           "the counters see the two allocations and the lock made on purpose ("
               + std::to_string (counts.allocations) + " and " + std::to_string (counts.locks)
               + " counted)");
}
} // namespace

void checkRealtimeSafety()
{
    // AddressSanitizer builds cannot count (RealtimeCounters.h); they still run the audio and
    // say plainly that the counts were not made, rather than pass them.
    const bool counting = areRealtimeCountersAvailable();
    if (counting)
        checkCountersWork();
    else
        std::printf ("plugin harness: skipped: allocation and lock counts (sanitizer build)\n");

    // One instance, prepared again at another rate (and a smaller maximum block) between runs;
    // the parameters are also moved from this (message) thread while the audio thread runs.
    auto processor = makeProcessor();
    const struct { double rate; int maxBlock; } setups[] = {
        { 44100.0, 8192 }, { 96000.0, 8192 }, { 22050.0, 4096 }, { 48000.0, 8192 }
    };
    ProcessingResult total;
    const auto numParameters = processor->getParameters().size();

    for (const auto& setup : setups)
    {
        processor->setPlayConfigDetails (2, 2, setup.rate, setup.maxBlock);
        processor->prepareToPlay (setup.rate, setup.maxBlock);

        ProcessingResult run;
        std::thread audio ([&] { run = process (*processor, setup.rate, setup.maxBlock, 600, 2); });
        for (int i = 0; i < 40; ++i)
        {
            for (auto* parameter : processor->getParameters())
                parameter->setValueNotifyingHost ((float) (i % 5) / 4.0f);
            pumpMessages (2);
        }
        audio.join();

        total.counts.allocations += run.counts.allocations;
        total.counts.locks += run.counts.locks;
        total.blocks += run.blocks;
        total.wrongBlocks += run.wrongBlocks;
        total.midiEvents += run.midiEvents;
    }
    processor->releaseResources();

    std::printf ("audio_thread_allocations: %llu count\naudio_thread_locks: %llu count\n",
                 (unsigned long long) total.counts.allocations,
                 (unsigned long long) total.counts.locks);
    if (counting)
    {
        check (total.counts.allocations == 0,
               "no heap allocation in " + std::to_string (total.blocks)
                   + " processBlock calls with " + std::to_string (total.midiEvents)
                   + " MIDI events and "
                   + std::to_string (numParameters) + " parameters changing, at four rates ("
                   + std::to_string (total.counts.allocations) + " counted)");
        check (total.counts.locks == 0,
               "no lock taken on the audio thread (" + std::to_string (total.counts.locks)
                   + " counted)");
    }
    check (total.wrongBlocks == 0, "audio passed through unchanged at every rate and block size ("
                                       + std::to_string (total.wrongBlocks) + " wrong blocks)");

    // Two instances at once, each on its own thread with its own tone: each must give back
    // exactly its own input, without allocating or locking, whatever the other does.
    auto first = makeProcessor();
    auto second = makeProcessor();
    for (auto* p : { first.get(), second.get() })
    {
        p->setPlayConfigDetails (2, 2, 48000.0, 8192);
        p->prepareToPlay (48000.0, 8192);
    }
    ProcessingResult a, b;
    std::thread threadA ([&] { a = process (*first, 48000.0, 8192, 3000, 3); });
    std::thread threadB ([&] { b = process (*second, 48000.0, 8192, 3000, 7); });
    threadA.join();
    threadB.join();
    first->releaseResources();
    second->releaseResources();

    check (a.wrongBlocks == 0 && b.wrongBlocks == 0 && a.blocks == 3000 && b.blocks == 3000,
           "two instances processing at once each returned their own audio ("
               + std::to_string (a.wrongBlocks + b.wrongBlocks) + " wrong blocks of 6000)");
    if (counting)
        check (a.counts.allocations + b.counts.allocations + a.counts.locks + b.counts.locks == 0,
               "two instances at once: no allocation and no lock on either audio thread");
}

} // namespace moodboard::harness
