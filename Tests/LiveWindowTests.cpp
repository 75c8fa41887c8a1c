// The live analyser's settings a plugin exposes as parameters: the window length and the pause.
#include "AudioFiles.h"
#include "Audio/LiveAudioTap.h"
#include "Audio/LiveMoodAnalyser.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <limits>
#include <thread>

using namespace moodboard;

namespace
{
constexpr double rate = 22050.0;

void play (audio::LiveAudioTap& tap, const testing::Channels& song)
{
    const float* channels[] = { song[0].data(), song[1].data() };
    tap.push (channels, 2, (int) song[0].size());
}

bool waitForEstimate (const audio::LiveMoodAnalyser& analyser)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds (20);
    while (analyser.getNumEstimates() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for (std::chrono::milliseconds (20));
    return analyser.getNumEstimates() > 0;
}
} // namespace

TEST_CASE ("the window length is kept within 5 to 30 seconds", "[live]")
{
    audio::LiveMoodAnalyser analyser;
    CHECK (analyser.getWindowSeconds() == audio::LiveMoodAnalyser::windowSeconds);
    analyser.setWindowSeconds (12.5);
    CHECK (analyser.getWindowSeconds() == 12.5);
    analyser.setWindowSeconds (1.0);
    CHECK (analyser.getWindowSeconds() == 5.0);
    analyser.setWindowSeconds (300.0);
    CHECK (analyser.getWindowSeconds() == 30.0);
    analyser.setWindowSeconds (std::numeric_limits<double>::quiet_NaN());
    CHECK (analyser.getWindowSeconds() == 30.0);
    CHECK (analyser.isActive());
}

TEST_CASE ("a short window is estimated as soon as it is full, from the newest audio", "[live]")
{
    const auto song = testing::makeSong (120.0, false, 0.8, 7.0, rate);
    audio::LiveAudioTap tap;
    tap.prepare (rate, 8.0);
    audio::LiveMoodAnalyser analyser;
    analyser.setWindowSeconds (5.0);
    analyser.start (tap);
    play (tap, song);

    REQUIRE (waitForEstimate (analyser));
    analyser.stop();
    const auto mood = analyser.latest();
    REQUIRE (mood.has_value());
    CHECK (mood->secondsHeard == Approx (5.0).margin (1.0 / rate));
    CHECK_FALSE (mood->silent);
}

TEST_CASE ("a paused analyser leaves the tap alone and estimates nothing", "[live]")
{
    const auto song = testing::makeSong (120.0, false, 0.8, 6.0, rate);
    audio::LiveAudioTap tap;
    tap.prepare (rate, 8.0);
    audio::LiveMoodAnalyser analyser;
    analyser.setActive (false);
    analyser.setWindowSeconds (5.0);
    analyser.start (tap);
    play (tap, song);

    std::this_thread::sleep_for (std::chrono::milliseconds (400));   // four of its wake-ups
    CHECK (analyser.getNumEstimates() == 0);

    // Resumed, it drains what waited and estimates.
    analyser.setActive (true);
    REQUIRE (waitForEstimate (analyser));
    analyser.stop();
    CHECK (tap.getNumDropped() == 0);

    std::vector<float> rest (1024);
    CHECK (tap.pop (rest.data(), (int) rest.size()) == 0);
}
