#pragma once

#include <nlohmann/json_fwd.hpp>

#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace moodboard::mood
{

/** A point on the mood plane, both axes 0..1 in Spotify's sense of valence and energy. */
struct MoodPoint
{
    double valence = 0.5;
    double energy = 0.5;
};

/** How the playlist moves across the mood plane from its first to its last track.

    The arc is named by energy, because that is what a listener hears rising or falling (tempo,
    loudness, density): when energy moves by 0.1 or more its direction names the arc, otherwise
    valence does. So "I'm anxious, calm me down" (valence up, energy down) is falling, and "I'm
    content, pump me up" with valence slightly down is rising.
*/
enum class Arc
{
    steady,   // stays at `end`
    rising,   // energy (or, when energy barely moves, valence) goes up from `start` to `end`
    falling   // energy (or, when energy barely moves, valence) goes down from `start` to `end`
};

struct TempoRange
{
    double min = 0.0;
    double max = 0.0;
};

/** What a mood text asks for: where the playlist should end up, where it starts when the user's
    current state differs from what they want (meet the mood, then move it), and the constraints.
*/
struct MoodTarget
{
    MoodPoint end;                          // where the playlist should end up
    std::optional<MoodPoint> start;         // where it begins; empty when steady
    Arc arc = Arc::steady;

    std::optional<TempoRange> tempoBpm;
    std::optional<double> danceability;     // 0..1
    std::optional<double> acousticness;     // 0..1
    std::optional<bool> instrumental;

    int count = 12;                         // tracks wanted when no duration is given
    std::optional<double> durationSeconds;  // total length wanted
    std::vector<std::string> exclude;       // lower-case words, artists or genres to leave out

    double confidence = 0.0;                // 0..1: how much of the text was understood
    std::string explanation;                // one sentence for the user

    /** The target at position t in 0..1 along the arc (clamped); `end` when steady.
        Any thread.
    */
    [[nodiscard]] MoodPoint pointAt (double t) const;
};

/** "steady", "rising" or "falling". Any thread. */
[[nodiscard]] const char* toString (Arc);

/** The shape printed by `moodboard mood --json`, keys in this order: valence, energy, tempo_bpm,
    danceability, acousticness, instrumental, arc, start, count, duration_s, exclude, confidence,
    explanation. Numbers are rounded to three decimals. Any thread.
*/
[[nodiscard]] nlohmann::ordered_json toOrderedJson (const MoodTarget&);

/** The same keys as toOrderedJson, in nlohmann::json's own (sorted) order. Any thread. */
void to_json (nlohmann::json&, const MoodTarget&);

/** Reads the shape written by toOrderedJson back; missing optional keys stay empty and values
    are clamped to their ranges. An error names the first key that has the wrong type.
    Any thread.
*/
[[nodiscard]] std::expected<MoodTarget, std::string> moodTargetFromJson (const nlohmann::json&);

} // namespace moodboard::mood
