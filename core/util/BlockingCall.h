#pragma once
// invokeBlocking(object, f) now lives in util/PostToThread.h with postTo(); this header stays for
// the files that include it.
#include "util/PostToThread.h"
