#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace moodboard::audio
{

/** What a MIDI message must be to select a mood preset: a note-on or a controller above zero,
    with a given number, on one channel or on any. */
struct MidiTrigger
{
    enum class Kind : std::uint8_t
    {
        none,
        note,
        controller
    };

    Kind kind = Kind::none;
    int number = 0;    // note or controller number, 0..127
    int channel = 0;   // 1..16, or 0 for any channel

    [[nodiscard]] bool operator== (const MidiTrigger&) const = default;
};

/** Which MIDI note or controller selects which of nine mood presets, learnable.

    Threading: every slot is one atomic word, so the audio thread reads and writes the map with
    handle() while the message thread reads it, changes it or arms a learn, with neither side
    waiting, allocating or locking. A learn is finished by the audio thread (the next note-on or
    controller it handles) and seen by the message thread through getLearningSlot() and
    getNumChanges().
*/
class MidiPresetMap final
{
public:
    static constexpr int numSlots = 9;

    /** Notes 60..68 (C4..G#4) on any channel select presets 1..9. */
    MidiPresetMap() noexcept;

    /** The default trigger of a slot: note 60 + slot on any channel. Any thread. */
    [[nodiscard]] static MidiTrigger getDefaultTrigger (int slot) noexcept;

    /** The trigger of slot 0..8 (presets 1..9); none for a slot out of range. Any thread. */
    [[nodiscard]] MidiTrigger getTrigger (int slot) const noexcept;

    /** Sets one slot (a number or channel out of range sets none); another slot whose trigger a
        message could share with it (same note or controller, same or any channel) loses its
        trigger. Not the audio thread. */
    void setTrigger (int slot, MidiTrigger trigger) noexcept;

    /** Puts every slot back to its default. Not the audio thread. */
    void resetToDefaults() noexcept;

    /** Makes the next note-on or controller above zero the trigger of `slot`, on the channel it
        came on (as setTrigger() would); a slot out of range cancels a learn. Message thread. */
    void armLearn (int slot) noexcept;

    /** The slot waiting for a message to learn, or -1. Any thread. */
    [[nodiscard]] int getLearningSlot() const noexcept { return learningSlot.load(); }

    /** Counts changes to the triggers (learns included), for a view to notice them. Any thread. */
    [[nodiscard]] std::uint32_t getNumChanges() const noexcept { return changes.load(); }

    /** Reads one complete MIDI message. Returns the slot (0..8) it selects, or -1 for none; a
        message taken by a learn selects nothing. Running-status fragments, system messages,
        note-offs and controllers at zero select nothing. No allocation, lock or system call.
        Audio thread. */
    [[nodiscard]] int handle (const std::uint8_t* bytes, int size) noexcept;

    /** The map as text, one `slot:kind:number:channel` entry per slot joined by ';', e.g.
        "1:note:60:0;2:cc:20:1;3:none:0:0..." (channel 0 = any). Not the audio thread. */
    [[nodiscard]] std::string serialise() const;

    /** Reads text written by serialise(). Slots it does not mention or cannot read get their
        default; unknown entries are ignored. Returns how many slots were read. Not the audio
        thread. */
    int deserialise (std::string_view text);

    /** "note C4, any channel", "CC 20, channel 1" or "none"; note 60 is C4. Any thread. */
    [[nodiscard]] static std::string describe (MidiTrigger trigger);

private:
    [[nodiscard]] static std::uint32_t pack (MidiTrigger) noexcept;
    [[nodiscard]] static MidiTrigger unpack (std::uint32_t) noexcept;
    void store (int slot, std::uint32_t packed) noexcept;

    std::array<std::atomic<std::uint32_t>, numSlots> slots;
    std::atomic<int> learningSlot { -1 };
    std::atomic<std::uint32_t> changes { 0 };
};

} // namespace moodboard::audio
