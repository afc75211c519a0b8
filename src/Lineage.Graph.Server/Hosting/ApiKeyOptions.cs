using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Server.Hosting;

/// <summary>One API key: a secret sent as <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, and its role.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, for logs; never the key itself.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "";

    [Required(AllowEmptyStrings = false)]
    [MinLength(16, ErrorMessage = "An API key is at least 16 characters.")]
    public string Key { get; set; } = "";

    [Required]
    public Role Role { get; set; } = Role.Reader;
}
