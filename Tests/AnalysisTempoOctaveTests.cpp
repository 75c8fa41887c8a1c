#include "Audio/FeatureExtractor.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>


using namespace moodboard;
using namespace moodboard::testing;

TEST_CASE ("Eighth-note hi-hat, bass and guitar do not double a mid-tempo groove",
           "[analysis][tempo]")
{
    // Between 95 and 120 BPM the double (190-240) lies far out in the prior; off-beats at
    // about half the beats' strength are subdivisions there, not beats.
    for (const double bpm : { 96.0, 104.0, 112.0, 118.0 })
    {
        MemoryStream stream (makeEighthNoteGroove (bpm, 30.0, 44100.0), 44100.0);
        const auto features = audio::FeatureExtractor::analyse (stream);
        REQUIRE (features.has_value());
        INFO (bpm << " BPM: found " << features->tempoBpm.value_or (-1.0) << ", alternative "
                  << features->tempoAlternativeBpm.value_or (-1.0));
        REQUIRE (features->tempoBpm.has_value());
        CHECK (*features->tempoBpm == Approx (bpm).epsilon (0.02));
    }
}
