//! Size classes against Go's own lookup tables (`SizeToSizeClass8`, `SizeToSizeClass128`
//! from go1.27.3's `internal/runtime/gc/sizeclasses.go`, as data): for every size 1..=32768,
//! `size_to_class` — the rule "smallest class that holds it" — must give Go's class; plus
//! the table's own rounding rules and a few hand-checked values.

use runtime::gc::sizeclass::{
    CLASS_TO_SIZE, MAX_SMALL_SIZE, NUM_SIZE_CLASSES, class_nelems, class_npages, class_size,
    size_to_class,
};

/// Go's `SizeToSizeClass8`: class of size s ≤ 1024 at index (s + 7) / 8.
const SIZE_TO_CLASS8: [u8; 129] = [
    0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15,
    16, 16, 17, 17, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23,
    23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27, 27, 27, 28, 28,
    28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30, 30, 30, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    32, 32, 32, 32, 32, 32,
];

/// Go's `SizeToSizeClass128`: class of size s > 1024 at index (s − 1024 + 127) / 128.
const SIZE_TO_CLASS128: [u8; 249] = [
    32, 33, 34, 35, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 41, 42, 43, 43, 44, 44, 44, 44,
    44, 45, 45, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 47, 47, 48, 48, 48, 49, 49, 50, 51,
    51, 51, 51, 51, 51, 51, 51, 51, 51, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52, 53, 53, 54, 54, 54,
    54, 55, 55, 55, 55, 55, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 57, 57, 57, 57, 57, 57, 57,
    57, 57, 57, 58, 58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59,
    59, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61, 61, 61, 61, 61, 62, 62,
    62, 62, 62, 62, 62, 62, 62, 62, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
    66, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
    67, 67, 67, 67, 67, 67, 67, 67, 67,
];

/// Go's `sizeToClass` lookup.
fn go_class(size: u64) -> u8 {
    if size <= 1024 {
        SIZE_TO_CLASS8[size.div_ceil(8) as usize]
    } else {
        SIZE_TO_CLASS128[(size - 1024).div_ceil(128) as usize]
    }
}

#[test]
fn every_small_size_gets_gos_class() {
    for size in 1..=MAX_SMALL_SIZE {
        let c = size_to_class(size);
        assert_eq!(c, go_class(size), "size {size}");
        // The rounding rules: the class holds the size, the class below does not.
        assert!(class_size(c) >= size, "size {size}");
        assert!(class_size(c - 1) < size, "size {size}");
    }
}

#[test]
fn table_shape_and_hand_checked_values() {
    assert_eq!(NUM_SIZE_CLASSES, 68);
    assert!(CLASS_TO_SIZE.windows(2).all(|w| w[0] < w[1]));
    for (size, class) in [
        (1, 1),
        (8, 1),
        (9, 2),
        (16, 2),
        (17, 3),
        (24, 3),
        (25, 4),
        (33, 5),
        (1024, 32),
        (1025, 33),
        (32768, 67),
        (32769, 0),
        (0, 0),
    ] {
        assert_eq!(size_to_class(size), class, "size {size}");
    }
    // Spans: class 1 holds 1024 objects of 8 bytes in one page; class 35 (1408 B) takes two
    // pages for 11 objects; the largest class one object in four pages.
    assert_eq!((class_npages(1), class_nelems(1)), (1, 1024));
    assert_eq!((class_npages(35), class_nelems(35)), (2, 11));
    assert_eq!((class_npages(67), class_nelems(67)), (4, 1));
}
