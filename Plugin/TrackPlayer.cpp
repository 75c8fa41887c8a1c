#include "TrackPlayer.h"

#include "AudioIO/DecodedStreamReader.h"

namespace moodboard::plugin
{
namespace
{
constexpr int readAheadSamples = 1 << 15;
constexpr int readAheadStopMs = 2000;
} // namespace

TrackPlayer::TrackPlayer()
{
    // JUCE's MP3 reader is not part of the build; MP3 goes through DecodedStreamReader.
    formats.registerBasicFormats();
    transport.addChangeListener (this);
}

TrackPlayer::~TrackPlayer()
{
    transport.removeChangeListener (this);
    // The audio callback goes first, so nothing below is used by the device's thread any more.
    if (devices != nullptr)
        devices->removeAudioCallback (&sourcePlayer);
    sourcePlayer.setSource (nullptr);
    transport.setSource (nullptr);
    readerSource.reset();
    devices.reset();
    readAhead.stopThread (readAheadStopMs);
}

juce::String TrackPlayer::getDeviceName() const
{
    if (devices == nullptr)
        return {};
    auto* device = devices->getCurrentAudioDevice();
    return device != nullptr ? device->getName() : juce::String();
}

juce::Result TrackPlayer::openDevice()
{
    if (devices != nullptr && devices->getCurrentAudioDevice() != nullptr)
        return juce::Result::ok();

    devices = std::make_unique<juce::AudioDeviceManager>();
    auto problem = devices->initialiseWithDefaultDevices (0, 2);
    if (problem.isEmpty() && devices->getCurrentAudioDevice() == nullptr)
        problem = "no sound card or sound server was found";

    if (problem.isNotEmpty())
    {
        // Nothing is kept open, so the next Play tries again (after headphones are plugged in).
        devices.reset();
        return juce::Result::fail ("No audio output device: " + problem.trimEnd()
                                   + ". Connect speakers or headphones, or make sure ALSA or JACK "
                                     "can reach a sound card, then press Play again.");
    }

    devices->addAudioCallback (&sourcePlayer);
    sourcePlayer.setSource (&transport);
    return juce::Result::ok();
}

std::unique_ptr<juce::AudioFormatReader> TrackPlayer::openReader (const juce::File& file,
                                                                  juce::String& problem)
{
    if (! file.existsAsFile())
    {
        problem = "\"" + file.getFileName() + "\" is not in "
                  + file.getParentDirectory().getFullPathName()
                  + " any more; scan the library again if it moved.";
        return nullptr;
    }

    if (auto* reader = formats.createReaderFor (file))
        return std::unique_ptr<juce::AudioFormatReader> (reader);

    juce::String why;
    if (auto mpeg = audio::DecodedStreamReader::openMpeg (file, why))
        return mpeg;

    problem = "\"" + file.getFileName() + "\" cannot be played: it is not a WAV, AIFF, FLAC, "
              "Ogg Vorbis or MP3 file this player can read (" + why + ").";
    return nullptr;
}

juce::Result TrackPlayer::play (const juce::File& file)
{
    if (auto opened = openDevice(); opened.failed())
        return opened;

    juce::String problem;
    auto reader = openReader (file, problem);
    if (reader == nullptr)
        return juce::Result::fail (problem);

    stop();

    const auto rate = reader->sampleRate;
    const auto channels = juce::jlimit (1, 2, (int) reader->numChannels);
    readerSource = std::make_unique<juce::AudioFormatReaderSource> (reader.release(), true);

    if (! readAhead.isThreadRunning())
        readAhead.startThread();

    transport.setSource (readerSource.get(), readAheadSamples, &readAhead, rate, channels);
    transport.start();
    loadedFile = file;
    return juce::Result::ok();
}

void TrackPlayer::setPaused (bool paused)
{
    if (readerSource == nullptr)
        return;

    if (paused)
        return transport.stop();

    if (transport.hasStreamFinished())
        transport.setPosition (0.0);
    transport.start();
}

void TrackPlayer::stop()
{
    transport.stop();
    transport.setSource (nullptr);
    readerSource.reset();
    loadedFile = juce::File();
}

void TrackPlayer::seek (double seconds)
{
    if (readerSource != nullptr)
        transport.setPosition (juce::jlimit (0.0, juce::jmax (0.0, getLength()), seconds));
}

void TrackPlayer::changeListenerCallback (juce::ChangeBroadcaster*)
{
    // The transport says when it starts or stops; only a stop at the end of the file counts.
    if (readerSource != nullptr && ! transport.isPlaying() && transport.hasStreamFinished()
        && onFinished != nullptr)
        onFinished();
}

} // namespace moodboard::plugin
