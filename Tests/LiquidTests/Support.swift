import Liquid
import Testing

/// Renders `source` with `variables`; a parse or render error comes back as its description.
func render(_ source: String, _ variables: [String: LiquidValue] = [:]) -> String {
    do {
        return try LiquidTemplate(parsing: source).render(LiquidVariables(variables))
    } catch {
        return "error: \(error)"
    }
}

/// The error a template gives, or "no error".
func failure(_ source: String, _ variables: [String: LiquidValue] = [:], tags: [String: LiquidTemplate.TagKind] = [:]) -> String {
    do {
        _ = try LiquidTemplate(parsing: source, tags: tags).render(LiquidVariables(variables))
        return "no error"
    } catch {
        return "\(error)"
    }
}
