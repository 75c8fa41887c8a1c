#include "BenchAudio.h"

#include <cmath>
#include <random>

namespace moodboard::bench
{

juce::AudioBuffer<float> makeMusic (double rate, double seconds, double bpm)
{
    const int n = (int) (rate * seconds);
    juce::AudioBuffer<float> buffer (2, n);
    std::mt19937 noise (7);
    std::uniform_real_distribution<float> uniform (-1.0f, 1.0f);
    const double beat = 60.0 / bpm;

    for (int i = 0; i < n; ++i)
    {
        const double t = i / rate;
        const double inBeat = std::fmod (t, beat);
        const double chord = 0.15 * (std::sin (2 * M_PI * 220.0 * t)
                                     + std::sin (2 * M_PI * 277.2 * t)
                                     + std::sin (2 * M_PI * 329.6 * t));
        const double kick = 0.6 * std::exp (-inBeat * 30.0) * std::sin (2 * M_PI * 60.0 * inBeat);
        const double hat = 0.1 * std::exp (-std::fmod (t, beat / 2) * 200.0) * uniform (noise);
        buffer.setSample (0, i, (float) (chord + kick + hat));
        buffer.setSample (1, i, (float) (chord + kick - hat));
    }
    return buffer;
}

} // namespace moodboard::bench
