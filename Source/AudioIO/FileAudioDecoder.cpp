#include "AudioIO/FileAudioDecoder.h"

#include "AudioIO/Mpg123Stream.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace moodboard::audio
{
namespace
{
// JUCE's readers can report absurd lengths for damaged headers; nothing real is longer than this.
constexpr std::int64_t maxPlausibleSamples = std::int64_t { 192000 } * 60 * 60 * 24;

class JuceAudioStream final : public AudioStream
{
public:
    JuceAudioStream (std::unique_ptr<juce::AudioFormatReader> r, std::string name)
        : reader (std::move (r)), fileName (std::move (name))
    {
    }

    double getSampleRate() const override { return reader->sampleRate; }
    int getNumChannels() const override { return (int) reader->numChannels; }
    std::int64_t getLengthInSamples() const override { return reader->lengthInSamples; }

    Expected<int> read (float* const* channels, int numSamples) override
    {
        const auto remaining = reader->lengthInSamples - position;
        const auto toRead = (int) std::min<std::int64_t> (numSamples,
                                                          std::max<std::int64_t> (0, remaining));

        if (toRead <= 0)
            return 0;

        // JUCE's read() takes int* destinations even for float data when the reader is floating
        // point; read(float* const*, ...) handles both cases.
        if (! reader->read (channels, reader->numChannels, position, toRead))
            return makeError (Error::Kind::corrupt,
                              fileName + ": the audio data is damaged and cannot be decoded");

        for (int c = 0; c < (int) reader->numChannels; ++c)
            for (int i = 0; i < toRead; ++i)
                if (! std::isfinite (channels[c][i]))
                    channels[c][i] = 0.0f;

        position += toRead;
        return toRead;
    }

private:
    std::unique_ptr<juce::AudioFormatReader> reader;
    std::string fileName;
    std::int64_t position = 0;
};
} // namespace

struct FileAudioDecoder::Formats
{
    // registerBasicFormats() covers WAV, AIFF, FLAC and Ogg Vorbis (JUCE's MP3 reader is left out
    // of the build: libmpg123 reads MPEG audio). The manager is only read after construction,
    // which makes it safe to share.
    juce::AudioFormatManager manager;
};

FileAudioDecoder::FileAudioDecoder() : formats (std::make_unique<Formats>())
{
    formats->manager.registerBasicFormats();
}

FileAudioDecoder::~FileAudioDecoder() = default;

Expected<std::unique_ptr<AudioStream>> FileAudioDecoder::open (
    const std::filesystem::path& path) const
{
    const auto name = path.string();
    const juce::File file (juce::String::fromUTF8 (name.c_str()));

    if (file.isDirectory())
        return makeError (Error::Kind::invalidInput,
                          name + ": is a folder; `moodboard scan` analyses the files in a folder");

    if (! file.existsAsFile())
        return makeError (Error::Kind::notFound, name + ": no such file");

    if (file.getSize() == 0)
        return makeError (Error::Kind::corrupt, name + ": the file is empty (0 bytes)");

    auto stream = file.createInputStream();

    if (stream == nullptr || stream->failedToOpen())
        return makeError (Error::Kind::unreadable,
                          name + ": cannot be opened; check that you may read it");

    // Formats with a signature are tried first, the one the extension names before the others,
    // so that content decides. MPEG audio has no signature (any bytes may look like a frame), so
    // it is tried last and only for files named as MPEG audio.
    std::unique_ptr<juce::AudioFormatReader> reader;
    auto& manager = formats->manager;
    const auto extension = file.getFileExtension().toLowerCase();
    auto* preferred = manager.findFormatForFileExtension (extension);
    std::vector<juce::AudioFormat*> order;

    if (preferred != nullptr)
        order.push_back (preferred);

    for (int i = 0; i < manager.getNumKnownFormats(); ++i)
        if (manager.getKnownFormat (i) != preferred)
            order.push_back (manager.getKnownFormat (i));

    for (auto* format : order)
    {
        stream->setPosition (0);
        reader.reset (format->createReaderFor (stream.get(), false));

        if (reader != nullptr)
        {
            stream.release();
            break;
        }
    }

    // An ID3v2 tag at the start marks MPEG audio too, whatever the file is called.
    const auto namedMpeg = extension == ".mp3" || extension == ".mp2" || extension == ".mpga";
    char head[3] = {};
    const auto taggedMpeg = stream != nullptr && stream->setPosition (0)
                         && stream->read (head, 3) == 3 && std::string_view (head, 3) == "ID3";

    if (reader == nullptr && (namedMpeg || taggedMpeg))
    {
        stream.reset();
        return openMpegAudio (path);
    }

    if (reader == nullptr)
        return makeError (Error::Kind::unsupported,
                          name + ": not a readable WAV, AIFF, FLAC, Ogg Vorbis or MP3 file");

    if (reader->sampleRate < 1000.0 || reader->sampleRate > 768000.0 || reader->numChannels == 0
        || reader->numChannels > 64)
        return makeError (Error::Kind::corrupt, name + ": the header holds an impossible format ("
                                                    + std::to_string ((int) reader->sampleRate)
                                                    + " Hz, " + std::to_string (reader->numChannels)
                                                    + " channels)");

    if (reader->lengthInSamples <= 0)
        return makeError (Error::Kind::corrupt, name + ": the file holds no audio");

    if (reader->lengthInSamples > maxPlausibleSamples)
        return makeError (Error::Kind::corrupt, name + ": the header claims an impossible length");

    // JUCE's WAV and AIFF readers trust the header and pad with silence past the end of the file;
    // a header that promises more audio than the file holds means a truncated or damaged file.
    const auto formatName = reader->getFormatName();

    if (formatName.containsIgnoreCase ("WAV") || formatName.containsIgnoreCase ("AIFF"))
    {
        const auto declaredBytes = reader->lengthInSamples * (std::int64_t) reader->numChannels
                                 * (std::int64_t) reader->bitsPerSample / 8;

        if (reader->bitsPerSample > 0 && declaredBytes > file.getSize())
            return makeError (Error::Kind::corrupt,
                              name + ": the header promises "
                                  + std::to_string (reader->lengthInSamples
                                                    / (std::int64_t) reader->sampleRate)
                                  + " s of audio but the file is shorter; it is truncated or "
                                    "damaged (copy it again from its source)");
    }

    return std::make_unique<JuceAudioStream> (std::move (reader), name);
}

std::vector<std::string> FileAudioDecoder::getExtensions() const
{
    return { ".wav", ".wave", ".aif", ".aiff", ".aifc", ".flac", ".ogg", ".oga", ".mp3", ".mp2",
             ".mpga" };
}

} // namespace moodboard::audio
