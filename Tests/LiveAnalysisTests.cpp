// Live analysis of a host's audio: the tap the audio thread writes into, and the analyser that
// reads it on its own thread.
#include "AudioFiles.h"
#include "Audio/LiveAudioTap.h"
#include "Audio/LiveMoodAnalyser.h"
#include "Matching/LiveTarget.h"
#include "RealtimeGuard.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <thread>

using namespace moodboard;

TEST_CASE ("the live tap mixes to mono without allocating or locking, at any block size",
           "[live][realtime]")
{
    const bool counted = testing::RealtimeGuard::isAvailable();
    audio::LiveAudioTap tap;
    tap.prepare (48000.0, 1.0);

    std::vector<float> left (8192, 0.5f), right (8192, -0.25f);
    const float* channels[] = { left.data(), right.data() };
    std::vector<float> out (8192);
    int total = 0;

    for (const int blockSize : { 0, 1, 64, 512, 8192, 0, 37 })
    {
        testing::RealtimeGuard guard;
        tap.push (channels, 2, blockSize);
        CHECK (guard.getAllocations() == 0);   // also 0 where nothing is counted
        CHECK (guard.getLocks() == 0);

        const auto n = tap.pop (out.data(), (int) out.size());
        CHECK (n == blockSize);
        for (int i = 0; i < n; ++i)
            CHECK (out[(std::size_t) i] == Approx (0.125f));
        total += n;
    }
    CHECK (total == 1 + 64 + 512 + 8192 + 37);
    CHECK (tap.getNumDropped() == 0);

    // The guard does count: an allocation and a lock made under it show up.
    if (counted)
    {
        testing::RealtimeGuard guard;
        auto* sample = new float (1.0f);
        CHECK (guard.getAllocations() == 1);
        delete sample;
        std::mutex m;
        std::lock_guard lock (m);
        CHECK (guard.getLocks() == 1);
    }
}

TEST_CASE ("a full tap drops the newest samples and counts them; a new rate starts it over",
           "[live]")
{
    audio::LiveAudioTap tap;
    tap.prepare (1000.0, 0.5);   // room for 500 samples
    std::vector<float> block (300);
    for (std::size_t i = 0; i < block.size(); ++i)
        block[i] = (float) i;
    const float* channels[] = { block.data() };

    tap.push (channels, 1, 300);
    tap.push (channels, 1, 300);   // only 200 fit
    CHECK (tap.getNumDropped() == 100);

    std::vector<float> out (1000);
    REQUIRE (tap.pop (out.data(), 1000) == 500);
    CHECK (out[299] == 299.0f);
    CHECK (out[300] == 0.0f);      // the second block's start follows the first block's end
    CHECK (out[499] == 199.0f);

    tap.prepare (96000.0, 0.1);
    CHECK (tap.getSampleRate() == 96000.0);
    CHECK (tap.getNumDropped() == 0);
    CHECK (tap.pop (out.data(), 1000) == 0);
}

TEST_CASE ("the live analyser tells the tempo and energy of what the host plays", "[live]")
{
    constexpr double rate = 44100.0;
    const auto song = testing::makeSong (120.0, false, 0.8, 12.0, rate);
    const auto quiet = testing::makeSong (120.0, true, 0.05, 12.0, rate);

    const auto listen = [&] (const testing::Channels& audio)
    {
        audio::LiveAudioTap tap;
        tap.prepare (rate, 8.0);
        audio::LiveMoodAnalyser analyser;
        analyser.start (tap);

        // The "host" plays 512-sample blocks at about four times real time.
        constexpr int block = 512;
        for (std::size_t at = 0; at + block <= audio[0].size(); at += block)
        {
            const float* channels[] = { audio[0].data() + at, audio[1].data() + at };
            tap.push (channels, 2, block);
            std::this_thread::sleep_for (std::chrono::microseconds (2900));
        }

        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds (20);
        while (analyser.getNumEstimates() == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for (std::chrono::milliseconds (50));
        analyser.stop();
        CHECK (tap.getNumDropped() == 0);
        return analyser.latest();
    };

    const auto loud = listen (song);
    REQUIRE (loud.has_value());
    CHECK_FALSE (loud->silent);
    CHECK (loud->secondsHeard >= audio::LiveMoodAnalyser::minimumSeconds);
    REQUIRE (loud->features.tempoBpm.has_value());
    CHECK (*loud->features.tempoBpm == Approx (120.0).epsilon (0.03));

    const auto soft = listen (quiet);
    REQUIRE (soft.has_value());
    REQUIRE (soft->features.energy.has_value());
    CHECK (*soft->features.energy < *loud->features.energy);
    CHECK (*soft->features.loudnessLufs < *loud->features.loudnessLufs - 15.0);
}

TEST_CASE ("the session's features become a steady target for tracks like it", "[live][matching]")
{
    audio::Features f;
    f.tempoBpm = 120.0;
    f.valence = 0.3;
    f.energy = 0.7;
    f.danceability = 0.6;
    f.key = 9;
    f.mode = 0;

    const auto target = matching::targetLike (f, 8);
    CHECK (target.arc == mood::Arc::steady);
    CHECK (target.end.valence == 0.3);
    CHECK (target.end.energy == 0.7);
    CHECK (target.count == 8);
    REQUIRE (target.tempoBpm.has_value());
    CHECK (target.tempoBpm->min == Approx (112.8));
    CHECK (target.tempoBpm->max == Approx (127.2));
    CHECK (target.danceability == 0.6);
    CHECK_FALSE (target.acousticness.has_value());

    const auto line = matching::describeLive (f);
    CHECK_THAT (line, Catch::StartsWith ("120 BPM, A minor, energy 0.70, valence 0.30: "));
}
