//! Input errors (`crate::input_error`): `{label}` names the input, `{reason}` says what is wrong.

words! {
    MESSAGE = "input.message" { "{label}：{reason}", "{label}: {reason}" }
    /// How a norm's current provision is named, in messages and in spreadsheet headers.
    CURRENT_OF = "input.current_of" { "现有{name}", "Current {name}" }
    LOCAL_STANDARD_OF = "input.local_standard_of" { "{label}（本地标准）", "{label} (local standard)" }
    NOT_A_NUMBER = "input.not_a_number" {
        "不是有效数字，请输入如 12345、12,345 或 1.2万",
        "not a number; type e.g. 12345, 12,345 or 1.2万"
    }
    NEGATIVE = "input.negative" { "不能为负数", "cannot be negative" }
    EXPONENT = "input.exponent" {
        "不接受科学计数法（如 1e5），请写成 100000",
        "exponent notation (1e5) is not accepted; write 100000"
    }
    SEPARATOR = "input.separator" {
        "千位分隔符位置不对，应每三位一组，如 12,345",
        "thousands separators are misplaced; group by three, as in 12,345"
    }
    TOO_LARGE = "input.too_large" { "数值过大", "the number is far too large" }
    NOT_WHOLE = "input.not_whole" { "应为整数", "must be a whole number" }
    WRONG_UNIT = "input.wrong_unit" {
        "所填单位“{typed}”不是本项的单位（{unit}），请只填数字",
        "“{typed}” is not this figure's unit ({unit}); type the number only"
    }
    NOT_POSITIVE = "input.not_positive" { "必须大于 0", "must be greater than 0" }
    OUT_OF_RANGE = "input.out_of_range" {
        "超出合理范围（最大 {max}），请检查是否多输了位数",
        "beyond the plausible range (at most {max}); check for extra digits"
    }
    EXCEEDS_RESIDENT = "input.exceeds_resident" {
        "不能大于常住人口（{resident} 人）",
        "cannot exceed the resident population ({resident})"
    }
    /// `{levels}`: every level, as `level_list` writes them.
    NOT_A_LEVEL = "input.not_a_level" { "应为以下之一：{levels}", "must be one of: {levels}" }
    /// A whole message (not a `{reason}`).
    TOO_LONG = "input.too_long" {
        "地区名称过长（最多 {max} 个字）",
        "Locality: the name is too long (at most {max} characters)"
    }
}
