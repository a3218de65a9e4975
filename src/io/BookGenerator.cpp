#include "io/BookGenerator.h"
