#pragma once

/** The plugin harness's checks and benchmarks, each over fresh instances of the real processor.
    Each check prints its verdict lines through check() (HarnessSupport.h). All run on the
    message thread (the harness's main thread); the audio threads they need are their own.
*/
namespace moodboard::harness
{

/** The editor opened on the desktop and closed 50 times while another thread processes; memory
    growth reported and bounded. */
void checkEditorOpenedWhileProcessing();

/** processBlock with MIDI and parameter changes, blocks of 0 to 8192 and a new sample rate between
    prepareToPlay calls: no allocation and no lock on the audio thread; two instances on two
    threads each give their own output. */
void checkRealtimeSafety();

/** getStateInformation and setStateInformation round-trip byte for byte before and after
    prepareToPlay, with an editor open and into a fresh instance; no credentials in the state. */
void checkStateRoundTrip();

/** The key mapping editor's names for the preset commands follow the presets' names, and a
    rename keeps each command's keys and place. */
void checkPresetCommandNames();

/** Ctrl+1..9 select their presets as JUCE's X11 peer delivers them (Ctrl+8 as DEL), and the
    Delete key is taken by no command. */
void checkPresetKeysAsDelivered();

/** The chat box neither sends nor keeps a blank message and answers it with a hint. */
void checkBlankChatMessage();

/** Prints processBlock's share of real time and the editor's open time (never asserted). */
void runBenchmarks();

} // namespace moodboard::harness
