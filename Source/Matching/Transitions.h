#pragma once

#include "Library/Track.h"

#include <string>

namespace moodboard::matching
{

/** How two neighbouring tracks sound one after the other. Pure functions; any thread. */
struct Transitions
{
    /** The tempo step between two tracks in BPM, taking half and double time as the same pulse
        (120 after 62 is a step of 4, not 58). Unknown tempo on either side counts as no step. */
    [[nodiscard]] static double tempoStep (const audio::Features& from, const audio::Features& to);

    /** True when the keys mix well: the same key, a fifth apart in the same mode, or the
        relative major/minor (the neighbours on the circle of fifths). Unknown keys count as
        compatible: there is nothing to clash with. */
    [[nodiscard]] static bool areKeysCompatible (const audio::Features& from,
                                                 const audio::Features& to);

    /** Whether both keys are known, so that compatibility means something. */
    [[nodiscard]] static bool areKeysKnown (const audio::Features& from, const audio::Features& to);

    /** A cost 0..~2 for playing `to` after `from`: the tempo step (relative) plus a clash of
        keys. */
    [[nodiscard]] static double cost (const audio::Features& from, const audio::Features& to);

    /** The identity of a recording for duplicate detection: the ISRC when there is one, else the
        artist and title folded to lower-case letters and digits, without bracketed additions such
        as "(Remastered 2011)" or "[Live]". */
    [[nodiscard]] static std::string recordingKey (const library::Track&);
};

} // namespace moodboard::matching
