#include "Audio/MidiPresetMap.h"

#include <charconv>
#include <optional>

namespace moodboard::audio
{
namespace
{
constexpr std::uint8_t noteOn = 0x90;
constexpr std::uint8_t controlChange = 0xb0;

[[nodiscard]] std::string_view kindName (MidiTrigger::Kind kind)
{
    switch (kind)
    {
        case MidiTrigger::Kind::note:       return "note";
        case MidiTrigger::Kind::controller: return "cc";
        case MidiTrigger::Kind::none:       break;
    }
    return "none";
}

// Two triggers overlap when one message could match both.
[[nodiscard]] bool overlaps (MidiTrigger a, MidiTrigger b)
{
    return a.kind != MidiTrigger::Kind::none && a.kind == b.kind && a.number == b.number
           && (a.channel == 0 || b.channel == 0 || a.channel == b.channel);
}

[[nodiscard]] std::optional<int> readNumber (std::string_view text)
{
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [at, error] = std::from_chars (text.data(), end, value);
    if (error != std::errc() || at != end)
        return std::nullopt;
    return value;
}

// One `slot:kind:number:channel` entry; the slot is 1-based as the user counts presets.
[[nodiscard]] std::optional<std::pair<int, MidiTrigger>> readEntry (std::string_view entry)
{
    std::array<std::string_view, 4> fields;
    for (std::size_t i = 0; i < fields.size(); ++i)
    {
        const auto colon = entry.find (':');
        if ((colon == std::string_view::npos) != (i == fields.size() - 1))
            return std::nullopt;
        fields[i] = entry.substr (0, colon);
        entry = colon == std::string_view::npos ? std::string_view() : entry.substr (colon + 1);
    }

    const auto slot = readNumber (fields[0]);
    const auto number = readNumber (fields[2]);
    const auto channel = readNumber (fields[3]);
    if (! slot || ! number || ! channel || *slot < 1 || *slot > MidiPresetMap::numSlots
        || *number < 0 || *number > 127 || *channel < 0 || *channel > 16)
        return std::nullopt;

    MidiTrigger trigger { MidiTrigger::Kind::none, *number, *channel };
    if (fields[1] == "note")
        trigger.kind = MidiTrigger::Kind::note;
    else if (fields[1] == "cc")
        trigger.kind = MidiTrigger::Kind::controller;
    else if (fields[1] == "none")
        trigger = {};
    else
        return std::nullopt;

    return std::pair { *slot - 1, trigger };
}
} // namespace

MidiPresetMap::MidiPresetMap() noexcept
{
    for (int slot = 0; slot < numSlots; ++slot)
        slots[(std::size_t) slot].store (pack (getDefaultTrigger (slot)));
}

MidiTrigger MidiPresetMap::getDefaultTrigger (int slot) noexcept
{
    if (slot < 0 || slot >= numSlots)
        return {};
    return { MidiTrigger::Kind::note, 60 + slot, 0 };
}

MidiTrigger MidiPresetMap::getTrigger (int slot) const noexcept
{
    if (slot < 0 || slot >= numSlots)
        return {};
    return unpack (slots[(std::size_t) slot].load());
}

void MidiPresetMap::setTrigger (int slot, MidiTrigger trigger) noexcept
{
    if (slot >= 0 && slot < numSlots)
        store (slot, pack (trigger));
}

void MidiPresetMap::resetToDefaults() noexcept
{
    for (int slot = 0; slot < numSlots; ++slot)
        slots[(std::size_t) slot].store (pack (getDefaultTrigger (slot)));
    ++changes;
}

void MidiPresetMap::armLearn (int slot) noexcept
{
    learningSlot.store (slot >= 0 && slot < numSlots ? slot : -1);
    ++changes;
}

int MidiPresetMap::handle (const std::uint8_t* bytes, int size) noexcept
{
    // Note-ons and controllers are three bytes; a fragment without its status byte (running
    // status) or with a data byte above 127 is not a message this map can read.
    if (bytes == nullptr || size < 3 || bytes[0] < 0x80 || bytes[0] >= 0xf0
        || bytes[1] > 0x7f || bytes[2] > 0x7f)
        return -1;

    const auto type = (std::uint8_t) (bytes[0] & 0xf0);
    const MidiTrigger heard { type == noteOn ? MidiTrigger::Kind::note
                                             : MidiTrigger::Kind::controller,
                              bytes[1], (bytes[0] & 0x0f) + 1 };

    // A note-on at velocity zero is a note-off; a controller at zero is a release.
    if ((type != noteOn && type != controlChange) || bytes[2] == 0)
        return -1;

    if (auto learning = learningSlot.load();
        learning >= 0 && learningSlot.compare_exchange_strong (learning, -1))
    {
        store (learning, pack (heard));
        return -1;
    }

    for (int slot = 0; slot < numSlots; ++slot)
    {
        const auto trigger = unpack (slots[(std::size_t) slot].load());
        if (trigger.kind == heard.kind && trigger.number == heard.number
            && (trigger.channel == 0 || trigger.channel == heard.channel))
            return slot;
    }
    return -1;
}

std::string MidiPresetMap::serialise() const
{
    std::string text;
    for (int slot = 0; slot < numSlots; ++slot)
    {
        const auto trigger = getTrigger (slot);
        if (slot > 0)
            text += ';';
        text += std::to_string (slot + 1) + ':' + std::string (kindName (trigger.kind)) + ':'
                + std::to_string (trigger.number) + ':' + std::to_string (trigger.channel);
    }
    return text;
}

int MidiPresetMap::deserialise (std::string_view text)
{
    std::array<std::optional<MidiTrigger>, numSlots> read;
    while (! text.empty())
    {
        const auto semicolon = text.find (';');
        if (const auto entry = readEntry (text.substr (0, semicolon)))
            read[(std::size_t) entry->first] = entry->second;
        text = semicolon == std::string_view::npos ? std::string_view()
                                                   : text.substr (semicolon + 1);
    }

    int numRead = 0;
    std::array<MidiTrigger, numSlots> triggers;
    for (int slot = 0; slot < numSlots; ++slot)
        if (const auto& trigger = read[(std::size_t) slot])
        {
            triggers[(std::size_t) slot] = *trigger;
            ++numRead;
        }

    // A slot without an entry takes its default unless a slot that was read already uses it.
    for (int slot = 0; slot < numSlots; ++slot)
    {
        if (read[(std::size_t) slot])
            continue;
        const auto fallback = getDefaultTrigger (slot);
        bool taken = false;
        for (const auto& other : read)
            taken = taken || (other && overlaps (*other, fallback));
        triggers[(std::size_t) slot] = taken ? MidiTrigger {} : fallback;
    }

    for (int slot = 0; slot < numSlots; ++slot)
        slots[(std::size_t) slot].store (pack (triggers[(std::size_t) slot]));
    ++changes;
    return numRead;
}

std::string MidiPresetMap::describe (MidiTrigger trigger)
{
    static constexpr std::array<std::string_view, 12> names { "C", "C#", "D", "D#", "E", "F",
                                                              "F#", "G", "G#", "A", "A#", "B" };
    std::string text;
    switch (trigger.kind)
    {
        case MidiTrigger::Kind::none:
            return "none";
        case MidiTrigger::Kind::note:
            text = "note " + std::string (names[(std::size_t) (trigger.number % 12)])
                   + std::to_string (trigger.number / 12 - 1);
            break;
        case MidiTrigger::Kind::controller:
            text = "CC " + std::to_string (trigger.number);
            break;
    }
    return text + (trigger.channel == 0 ? std::string (", any channel")
                                        : ", channel " + std::to_string (trigger.channel));
}

std::uint32_t MidiPresetMap::pack (MidiTrigger trigger) noexcept
{
    if (trigger.kind == MidiTrigger::Kind::none || trigger.number < 0 || trigger.number > 127
        || trigger.channel < 0 || trigger.channel > 16)
        return 0;
    return ((std::uint32_t) trigger.kind << 16) | ((std::uint32_t) trigger.channel << 8)
           | (std::uint32_t) trigger.number;
}

MidiTrigger MidiPresetMap::unpack (std::uint32_t packed) noexcept
{
    const auto kind = (MidiTrigger::Kind) ((packed >> 16) & 0x3);
    if (kind == MidiTrigger::Kind::none)
        return {};
    return { kind, (int) (packed & 0x7f), (int) ((packed >> 8) & 0x1f) };
}

void MidiPresetMap::store (int slot, std::uint32_t packed) noexcept
{
    // A message selects one preset: a slot whose trigger the new one overlaps gives it up.
    const auto trigger = unpack (packed);
    for (int other = 0; other < numSlots; ++other)
    {
        auto held = slots[(std::size_t) other].load();
        if (other != slot && overlaps (unpack (held), trigger))
            slots[(std::size_t) other].compare_exchange_strong (held, 0);
    }

    slots[(std::size_t) slot].store (packed);
    ++changes;
}

} // namespace moodboard::audio
