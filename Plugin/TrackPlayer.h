#pragma once

#include <juce_audio_devices/juce_audio_devices.h>
#include <juce_audio_formats/juce_audio_formats.h>

#include <functional>
#include <memory>

namespace moodboard::plugin
{

/** Plays one local track at a time for the playlist view: a preview, not a player for the
    session.

    Design: the transport (juce::AudioTransportSource) reads its file ahead on its own
    TimeSliceThread, so the audio callback only copies buffered samples. The player has its own
    juce::AudioDeviceManager, opened at the first play() and not before, so a host's audio (or
    the standalone app's own device) is never touched until the user asks to hear a track; when
    no output device can be opened, play() says so and nothing else changes. WAV, AIFF, FLAC and
    Ogg Vorbis are read by JUCE; MP3 by the project's libmpg123 decoder (DecodedStreamReader).

    Everything here is called on the message thread; onFinished is called there too.
    Destroying the player stops the sound and closes its device.
*/
class TrackPlayer final : private juce::ChangeListener
{
public:
    TrackPlayer();
    ~TrackPlayer() override;

    /** Called when a track played to its end (not when it was paused or stopped). */
    std::function<void()> onFinished;

    /** Opens `file` and plays it from its start, opening the output device first if needed.
        The error says what went wrong in words for the user. Message thread. */
    [[nodiscard]] juce::Result play (const juce::File& file);

    /** Pauses or resumes the track loaded; nothing without one. Message thread. */
    void setPaused (bool paused);

    /** Stops and forgets the track loaded. Message thread. */
    void stop();

    /** Moves the play position to `seconds` in the track loaded. Message thread. */
    void seek (double seconds);

    [[nodiscard]] bool isPlaying() const { return transport.isPlaying(); }
    [[nodiscard]] bool hasTrack() const { return readerSource != nullptr; }
    [[nodiscard]] double getPosition() const { return transport.getCurrentPosition(); }
    [[nodiscard]] double getLength() const { return transport.getLengthInSeconds(); }
    [[nodiscard]] juce::File getFile() const { return loadedFile; }

    /** True once an output device is open; false before the first play and after a failed one.
        Message thread. */
    [[nodiscard]] bool hasDevice() const { return devices != nullptr; }

    /** The name of the output device in use, empty before the first play. Message thread. */
    [[nodiscard]] juce::String getDeviceName() const;

private:
    [[nodiscard]] juce::Result openDevice();
    [[nodiscard]] std::unique_ptr<juce::AudioFormatReader> openReader (const juce::File&,
                                                                       juce::String& problem);
    void changeListenerCallback (juce::ChangeBroadcaster*) override;

    juce::AudioFormatManager formats;
    juce::TimeSliceThread readAhead { "Moodboard track preview" };
    std::unique_ptr<juce::AudioDeviceManager> devices;   // made at the first play()
    juce::AudioSourcePlayer sourcePlayer;
    juce::AudioTransportSource transport;
    std::unique_ptr<juce::AudioFormatReaderSource> readerSource;
    juce::File loadedFile;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (TrackPlayer)
};

} // namespace moodboard::plugin
