#include "DecodeOnly.h"

#include "AudioIO/FileAudioDecoder.h"

#include <cstdio>
#include <vector>

int runDecodeOnly (int numFiles, char** files)
{
    moodboard::audio::FileAudioDecoder decoder;
    constexpr int blockSize = 8192;
    int failures = 0;

    for (int f = 0; f < numFiles; ++f)
    {
        auto stream = decoder.open (files[f]);
        if (! stream)
        {
            std::printf ("decode_error %s: %s\n", files[f], stream.error().message.c_str());
            ++failures;
            continue;
        }

        auto& s = **stream;
        std::vector<std::vector<float>> buffers ((size_t) s.getNumChannels(),
                                                 std::vector<float> (blockSize));
        std::vector<float*> pointers;
        for (auto& b : buffers)
            pointers.push_back (b.data());

        long long samples = 0;
        for (;;)
        {
            const auto read = s.read (pointers.data(), blockSize);
            if (! read || *read <= 0)
                break;
            samples += *read;
        }
        std::printf ("decoded_seconds %s: %.3f s\n", files[f],
                     (double) samples / s.getSampleRate());
    }
    return failures;
}
