// MIDI that selects mood presets in the plugin: the learnable map the audio thread reads.
#include "Audio/MidiPresetMap.h"
#include "RealtimeGuard.h"

#include <catch2/catch.hpp>

#include <array>
#include <vector>

using namespace moodboard;
using audio::MidiPresetMap;
using audio::MidiTrigger;

namespace
{
int send (MidiPresetMap& map, std::vector<std::uint8_t> bytes)
{
    return map.handle (bytes.data(), (int) bytes.size());
}
} // namespace

TEST_CASE ("by default notes C4 to G#4 on any channel select presets 1 to 9", "[midi]")
{
    MidiPresetMap map;
    for (int slot = 0; slot < MidiPresetMap::numSlots; ++slot)
    {
        CHECK (map.getTrigger (slot) == MidiTrigger { MidiTrigger::Kind::note, 60 + slot, 0 });
        CHECK (send (map, { 0x90, (std::uint8_t) (60 + slot), 100 }) == slot);
        CHECK (send (map, { 0x9f, (std::uint8_t) (60 + slot), 1 }) == slot);   // channel 16
    }
    CHECK (send (map, { 0x90, 59, 100 }) == -1);
    CHECK (send (map, { 0x90, 69, 100 }) == -1);
    CHECK (send (map, { 0xb0, 60, 127 }) == -1);   // a controller with a note's number
    CHECK (MidiPresetMap::describe (map.getTrigger (0)) == "note C4, any channel");
    CHECK (MidiPresetMap::describe (map.getTrigger (8)) == "note G#4, any channel");
    CHECK (map.getLearningSlot() == -1);
}

TEST_CASE ("note-offs and controllers at zero select nothing", "[midi]")
{
    MidiPresetMap map;
    map.setTrigger (2, { MidiTrigger::Kind::controller, 20, 0 });
    CHECK (send (map, { 0x80, 60, 64 }) == -1);   // note-off
    CHECK (send (map, { 0x90, 60, 0 }) == -1);    // note-on at velocity 0 is a note-off
    CHECK (send (map, { 0xb3, 20, 0 }) == -1);
    CHECK (send (map, { 0xb3, 20, 1 }) == 2);
    CHECK (send (map, { 0xa0, 60, 10 }) == -1);   // aftertouch
    CHECK (send (map, { 0xc0, 60 }) == -1);       // program change
}

TEST_CASE ("a learn takes the next note-on or controller with its channel", "[midi]")
{
    MidiPresetMap map;
    const auto before = map.getNumChanges();

    SECTION ("a note")
    {
        map.armLearn (4);
        CHECK (map.getLearningSlot() == 4);
        CHECK (send (map, { 0x82, 72, 0 }) == -1);     // a note-off is not learned
        CHECK (map.getLearningSlot() == 4);
        CHECK (send (map, { 0x92, 72, 90 }) == -1);    // learned, selects nothing
        CHECK (map.getLearningSlot() == -1);
        CHECK (map.getTrigger (4) == MidiTrigger { MidiTrigger::Kind::note, 72, 3 });
        CHECK (MidiPresetMap::describe (map.getTrigger (4)) == "note C5, channel 3");
        CHECK (send (map, { 0x92, 72, 90 }) == 4);
        CHECK (send (map, { 0x91, 72, 90 }) == -1);    // another channel
        CHECK (send (map, { 0x90, 64, 90 }) == -1);    // the slot's old note is gone
        CHECK (map.getNumChanges() > before);
    }

    SECTION ("a controller")
    {
        map.armLearn (0);
        CHECK (send (map, { 0xb0, 20, 0 }) == -1);     // a release is not learned
        CHECK (map.getLearningSlot() == 0);
        CHECK (send (map, { 0xb0, 20, 127 }) == -1);
        CHECK (map.getTrigger (0) == MidiTrigger { MidiTrigger::Kind::controller, 20, 1 });
        CHECK (MidiPresetMap::describe (map.getTrigger (0)) == "CC 20, channel 1");
        CHECK (send (map, { 0xb0, 20, 64 }) == 0);
        CHECK (send (map, { 0xb1, 20, 64 }) == -1);
        CHECK (send (map, { 0x90, 60, 100 }) == -1);
    }

    SECTION ("a trigger another slot had, on any channel or this one, moves to the learning slot")
    {
        map.armLearn (8);
        CHECK (send (map, { 0x90, 61, 100 }) == -1);
        CHECK (map.getTrigger (8) == MidiTrigger { MidiTrigger::Kind::note, 61, 1 });
        CHECK (map.getTrigger (1).kind == MidiTrigger::Kind::none);
        CHECK (send (map, { 0x90, 61, 100 }) == 8);
    }

    SECTION ("a learn out of range cancels the armed one")
    {
        map.armLearn (3);
        map.armLearn (-1);
        CHECK (map.getLearningSlot() == -1);
        CHECK (send (map, { 0x90, 63, 100 }) == 3);
        map.armLearn (9);
        CHECK (map.getLearningSlot() == -1);
    }
}

TEST_CASE ("a trigger on one channel ignores the others", "[midi]")
{
    MidiPresetMap map;
    map.setTrigger (5, { MidiTrigger::Kind::note, 36, 10 });
    CHECK (send (map, { 0x99, 36, 100 }) == 5);
    for (std::uint8_t channel = 0; channel < 16; ++channel)
        if (channel != 9)
            CHECK (send (map, { (std::uint8_t) (0x90 | channel), 36, 100 }) == -1);
    CHECK (send (map, { 0x99, 65, 100 }) == -1);   // slot 5's default note went with the change

    map.setTrigger (5, { MidiTrigger::Kind::note, 200, 0 });   // out of range: none
    CHECK (map.getTrigger (5).kind == MidiTrigger::Kind::none);
}

TEST_CASE ("fragments, system messages and bad bytes select nothing", "[midi]")
{
    MidiPresetMap map;
    CHECK (map.handle (nullptr, 3) == -1);
    CHECK (send (map, {}) == -1);
    CHECK (send (map, { 0x90 }) == -1);
    CHECK (send (map, { 0x90, 60 }) == -1);
    CHECK (send (map, { 60, 100 }) == -1);              // running status: data bytes only
    CHECK (send (map, { 60, 100, 62 }) == -1);
    CHECK (send (map, { 0xf0, 0x90, 60, 100, 0xf7 }) == -1);   // sysex holding a note's bytes
    CHECK (send (map, { 0xf8, 0xfa, 0xfc }) == -1);    // clock, start, stop
    CHECK (send (map, { 0x90, 0xbc, 100 }) == -1);      // a data byte above 127
    CHECK (send (map, { 0x90, 60, 0xff }) == -1);
    CHECK (send (map, { 0x90, 60, 100, 0x90 }) == 0);   // trailing bytes beyond the message
    map.armLearn (2);
    CHECK (send (map, { 0xf0, 0x7e, 0x7f, 0x06, 0x01, 0xf7 }) == -1);
    CHECK (map.getLearningSlot() == 2);                 // still waiting for a real message
}

TEST_CASE ("the map round-trips through its text, and bad text falls back to defaults", "[midi]")
{
    MidiPresetMap map;
    map.setTrigger (0, { MidiTrigger::Kind::controller, 20, 1 });
    map.setTrigger (3, { MidiTrigger::Kind::note, 36, 10 });
    map.setTrigger (7, {});
    const auto text = map.serialise();
    CHECK (text.starts_with ("1:cc:20:1;2:note:61:0;3:note:62:0;4:note:36:10;"));
    CHECK (text.ends_with (";8:none:0:0;9:note:68:0"));

    MidiPresetMap copy;
    CHECK (copy.deserialise (text) == MidiPresetMap::numSlots);
    for (int slot = 0; slot < MidiPresetMap::numSlots; ++slot)
        CHECK (copy.getTrigger (slot) == map.getTrigger (slot));
    CHECK (copy.serialise() == text);

    SECTION ("unknown or broken entries are skipped; the slots they miss get defaults")
    {
        MidiPresetMap other;
        other.setTrigger (1, { MidiTrigger::Kind::controller, 1, 1 });
        CHECK (other.deserialise ("3:cc:7:2;x;4:pitch:3:0;5:note:300:0;10:note:1:0;2:note:60:0")
               == 2);
        CHECK (other.getTrigger (2) == MidiTrigger { MidiTrigger::Kind::controller, 7, 2 });
        CHECK (other.getTrigger (1) == MidiTrigger { MidiTrigger::Kind::note, 60, 0 });
        CHECK (other.getTrigger (0).kind == MidiTrigger::Kind::none);   // its default is taken
        CHECK (other.getTrigger (3) == MidiPresetMap::getDefaultTrigger (3));
        CHECK (other.getTrigger (4) == MidiPresetMap::getDefaultTrigger (4));

        CHECK (other.deserialise ("") == 0);
        for (int slot = 0; slot < MidiPresetMap::numSlots; ++slot)
            CHECK (other.getTrigger (slot) == MidiPresetMap::getDefaultTrigger (slot));
    }
}

TEST_CASE ("handling MIDI neither allocates nor locks", "[midi][realtime]")
{
    MidiPresetMap map;
    map.setTrigger (1, { MidiTrigger::Kind::controller, 20, 0 });
    const std::array<std::array<std::uint8_t, 3>, 6> messages { { { 0x90, 60, 100 },
                                                                  { 0x80, 60, 0 },
                                                                  { 0xb4, 20, 9 },
                                                                  { 0xf8, 0, 0 },
                                                                  { 0x93, 77, 1 },
                                                                  { 0x3c, 1, 2 } } };
    std::array<int, 6> selected {};

    testing::RealtimeGuard guard;
    map.armLearn (6);
    for (int round = 0; round < 100; ++round)
        for (std::size_t i = 0; i < messages.size(); ++i)
            selected[i] = map.handle (messages[i].data(), 3);
    CHECK (guard.getAllocations() == 0);
    CHECK (guard.getLocks() == 0);

    // The first note-on was learned for slot 6; its later rounds select it.
    CHECK (selected == std::array<int, 6> { 6, -1, 1, -1, -1, -1 });
    CHECK (map.getTrigger (6) == MidiTrigger { MidiTrigger::Kind::note, 60, 1 });
    CHECK (map.getTrigger (0).kind == MidiTrigger::Kind::none);
}
