/* mid-kiosk — SDL UI sound (sound.c): pass = two rising tones, fail = one
 * low long tone. Private to src/ui; includes no other module's header. */
#ifndef MID_UI_SOUND_H
#define MID_UI_SOUND_H

#include <stdint.h>

#include <SDL.h>

typedef struct ui_sound {
    int audio_init;          /* the audio subsystem is ours to quit */
    SDL_AudioDeviceID audio; /* 0: none */
    int16_t *tone[2];        /* [0] fail, [1] pass */
    Uint32 tone_bytes[2];
} ui_sound;

/* Opens the default device and makes the tones; nothing on failure. */
void ui_sound_open(ui_sound *u);
void ui_sound_beep(ui_sound *u, int pass);
void ui_sound_close(ui_sound *u);

#endif
